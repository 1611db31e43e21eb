// A kafkajs failure as an ordertrack ExternalError (STYLE §4). kafkajs wraps the last error of
// its exhausted retries in a non-retriable one; what a caller wants to know is whether waiting
// may help (a broker down, a leader moving), which the wrapped cause still says.
import { ExternalError } from '../../errors.js';

export function kafkaError(what: string, e: unknown): ExternalError {
  let retriable = false;
  for (let c: unknown = e, depth = 0; c instanceof Error && depth < 5; c = c.cause, depth++) {
    if ((c as { retriable?: unknown }).retriable === true) retriable = true;
  }
  return new ExternalError(`Kafka: ${what}: ${e instanceof Error ? e.message : String(e)}`, retriable, { cause: e });
}
