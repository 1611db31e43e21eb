// Error classes carry what to do about them (STYLE §4): a domain and whether a retry can help.
// The CLI maps them to exit codes in one place (src/cli/exit.ts); retry logic reads `retriable`.

export type ErrorDomain = 'user' | 'external' | 'internal';

export class OrdertrackError extends Error {
  readonly domain: ErrorDomain;
  readonly retriable: boolean;
  constructor(message: string, domain: ErrorDomain, retriable: boolean, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.domain = domain;
    this.retriable = retriable;
  }
}

/** Bad flags, a missing directory, an unreadable or malformed file: the user can fix it. */
export class UserError extends OrdertrackError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 'user', false, options);
  }
}

/** A broker, database or disk outside us misbehaved; `retriable` says whether waiting may help. */
export class ExternalError extends OrdertrackError {
  constructor(message: string, retriable: boolean, options?: { cause?: unknown }) {
    super(message, 'external', retriable, options);
  }
}

/** A broken invariant of ordertrack itself. */
export class InternalError extends OrdertrackError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 'internal', false, options);
  }
}
