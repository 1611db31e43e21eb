// Synthetic customers and their address book (`user_address`). Most have one default address; a
// few have none at all or none marked default (their dispatch is unroutable), a few have two
// defaults (the lowest address_id wins), and some live where no warehouse delivers. A handful of
// "problem" customers order often and rarely pay, so some users pass five anomalies (VIP handling).
import type { District } from './geography.js';
import { STREETS } from './geography.js';
import { id, type Rng, zipfCumulative } from './prng.js';

export interface Customer {
  userId: string;
  /** Where parcels go: the default address's district, else the first address's, else none. */
  home: District | undefined;
  /** The engine can route a dispatch: a default address in a served district. */
  routable: boolean;
  problem: boolean;
}

export interface AddressRow {
  user_id: string;
  address_id: string;
  province: string;
  city: string;
  district: string;
  address: string;
  is_default: boolean;
}

export interface CustomerBase {
  customers: Customer[];
  /** Cumulative order share over `customers`. */
  activity: Float64Array;
  addresses: AddressRow[];
}

/**
 * `unserved`, when given, is the share of customers whose home lies where no warehouse delivers
 * (their dispatches are unroutable); without it homes follow the map's population weights. The
 * two ways draw differently, so the default keeps the datasets of a seed as they were.
 */
export function buildCustomers(rng: Rng, count: number, geo: readonly District[], scale: number, unserved?: number): CustomerBase {
  const geoCum = cumulative(geo);
  const pickHome = unserved === undefined ? () => geo[rng.weighted(geoCum)]! : homePicker(rng, geo, unserved);
  const customers: Customer[] = [];
  const addresses: AddressRow[] = [];
  let nextAddress = 1;
  const addr = (userId: string, d: District, isDefault: boolean): AddressRow => {
    const row: AddressRow = {
      user_id: userId,
      address_id: String(nextAddress++),
      province: d.province,
      city: d.city,
      district: d.district,
      address: `${d.district}${rng.pick(STREETS)}${rng.int(1, 999)}号${rng.int(1, 30)}栋${rng.int(1, 32)}0${rng.int(1, 6)}室`,
      is_default: isDefault,
    };
    addresses.push(row);
    return row;
  };
  for (let i = 0; i < count; i++) {
    const userId = id('U', i + 1, 6);
    const home = pickHome();
    const r = rng.next();
    let c: Customer;
    if (r < 0.015 * scale) {
      c = { userId, home: undefined, routable: false, problem: false }; // never saved an address
    } else if (r < 0.025 * scale) {
      addr(userId, home, false); // addresses, none default
      c = { userId, home, routable: false, problem: false };
    } else {
      addr(userId, home, true);
      if (rng.chance(0.005)) addr(userId, geo[rng.weighted(geoCum)]!, true); // two defaults
      c = { userId, home, routable: home.areaId !== undefined, problem: false };
    }
    if (rng.chance(0.25)) addr(userId, geo[rng.weighted(geoCum)]!, false); // office, parents…
    customers.push(c);
  }
  // The most active customer, and one in a thousand more, abandon most carts.
  customers.forEach((c, i) => (c.problem = i === 0 || rng.chance(0.001)));
  return { customers, activity: zipfCumulative(count, 0.6), addresses };
}

function cumulative(ds: readonly District[]): Float64Array {
  const out = new Float64Array(ds.length);
  let acc = 0;
  ds.forEach((d, i) => (out[i] = acc += d.weight));
  return out;
}

/** Homes drawn unserved with probability `share`, each side by population weight. */
function homePicker(rng: Rng, geo: readonly District[], share: number): () => District {
  const served = geo.filter((d) => d.areaId !== undefined);
  const unserved = geo.filter((d) => d.areaId === undefined);
  const servedCum = cumulative(served);
  const unservedCum = cumulative(unserved);
  return () => (rng.chance(share) ? unserved[rng.weighted(unservedCum)]! : served[rng.weighted(servedCum)]!);
}
