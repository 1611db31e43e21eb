// The storefront's world, built once from the seed before the first order: the map (served and
// unserved districts), the catalog with its stock, the customers with their address book and the
// couriers. Both the dataset writer (src/bench/generate.ts) and the Simulator build it here, with
// the same draws in the same order, so a seed means the same shop to both.
import type { AreaInfo, ProductInfo, StockRow, UserAddress } from '../../engine/ports.js';
import { buildCatalog, type Catalog } from './catalog.js';
import { buildCustomers, type CustomerBase } from './customers.js';
import { areaRows, type AreaRow, districts, type District } from './geography.js';
import type { Rng } from './prng.js';

export interface Courier {
  id: string;
  name: string;
}

export interface World {
  catalog: Catalog;
  people: CustomerBase;
  /** Districts a warehouse delivers to (parcels of unroutable users still go somewhere). */
  served: readonly District[];
  areas: readonly AreaRow[];
  couriers: readonly Courier[];
}

export interface WorldSize {
  /** Orders the world should serve: sizes the catalog, the customer base and the stock. */
  orders: number;
  /** Share of SKUs stocked below their demand (the datasets: 0.01 × anomaly scale). */
  lowStock: number;
  /** Whether the third most popular SKU is short too (it sells out part way). */
  hotSellsOut: boolean;
  /** Multiplies the shares of users without an address (1.5%) or without a default one (1%). */
  addressless: number;
  /** Share of users living where no warehouse delivers; undefined keeps the map's own share (~1.7%). */
  unserved?: number;
}

const COURIER_SURNAMES = ['张', '王', '李', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
const COURIER_NAMES = ['伟', '芳', '娜', '洋', '杰', '磊', '敏', '勇', '强', '静', '军', '超'];
const CARRIERS = ['SF', 'ZTO', 'YTO', 'JD', 'EMS'];

export function buildWorld(rng: Rng, size: WorldSize): World {
  const { orders } = size;
  const geo = districts();
  const served = geo.filter((d) => d.areaId !== undefined);
  // Units ≈ orders × paying share × lines per order × units per line (written as a product, in
  // this order, because the float it gives is part of the stock figures).
  const catalog = buildCatalog(rng, clampInt(orders / 15, 30, 20_000), orders * 0.88 * 1.7 * 1.35, size.lowStock, size.hotSellsOut);
  const people = buildCustomers(rng, clampInt(orders / 3, 20, 500_000), geo, size.addressless, size.unserved);
  const couriers = Array.from({ length: 40 }, (_, i) => ({
    id: `${CARRIERS[i % CARRIERS.length]}${String(i + 1).padStart(4, '0')}`,
    name: rng.pick(COURIER_SURNAMES) + rng.pick(COURIER_NAMES),
  }));
  return { catalog, people, served, areas: areaRows(geo), couriers };
}

export interface WorldReference {
  product_inventory: StockRow[];
  product_info: ProductInfo[];
  user_address: UserAddress[];
  logistics_area_info: AreaInfo[];
}

/** The reference tables of the world, in engine form; stock as it stands at `updated` (epoch ms). */
export function worldReference(world: World, updated: number): WorldReference {
  const bySku = [...world.catalog.skus].sort((a, b) => (a.skuId < b.skuId ? -1 : 1));
  const product_inventory: StockRow[] = [];
  const product_info: ProductInfo[] = [];
  for (const s of bySku) {
    product_inventory.push({
      product_id: s.productId,
      sku_id: s.skuId,
      total_stock: s.available + s.locked,
      available_stock: s.available,
      frozen_stock: 0,
      locked_stock: s.locked,
      update_time: updated,
    });
    // A few SKUs have no product_info row: their category is unknown to the engine.
    if (s.hasInfo) product_info.push({ sku_id: s.skuId, product_id: s.productId, product_name: s.name, category: s.category });
  }
  return {
    product_inventory,
    product_info,
    user_address: world.people.addresses.map((a) => ({ ...a })),
    logistics_area_info: world.areas.map((a) => ({ ...a })),
  };
}

function clampInt(x: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, Math.round(x)));
}
