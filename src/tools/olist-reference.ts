// The reference tables an Olist import needs, built as orders are mapped: one delivery area per
// (state, city, zip prefix) seen — customers' districts, most with a regional warehouse, and the
// sellers' own districts, from which parcels leave — addresses from the customers file, and a
// generous stock for every product sold or listed.
import { fnv, type OlistCustomer, type OlistProduct, type OlistSeller, zip5 } from './olist-csv.js';

export interface Area {
  area_id: string;
  province: string;
  city: string;
  district: string;
  warehouse_id: string;
  /** Has a `logistics_area_info` row (a warehouse serves it). */
  served: boolean;
}

/** Olist categories (Portuguese) that ordertrack's delivery promises treat as fresh or digital. */
const FRESH = new Set(['alimentos', 'alimentos_bebidas', 'bebidas', 'flores', 'la_cuisine']);
const DIGITAL = new Set([
  'informatica_acessorios', 'telefonia', 'telefonia_fixa', 'eletronicos', 'pcs', 'pc_gamer', 'tablets_impressao_imagem',
  'consoles_games', 'audio', 'cine_foto', 'dvds_blu_ray', 'musica',
]);

export function mapCategory(olist: string | undefined): string | null {
  if (!olist) return null;
  if (FRESH.has(olist)) return 'fresh';
  if (DIGITAL.has(olist)) return 'digital';
  return olist;
}

export class OlistReference {
  private readonly areas = new Map<string, Area>();
  private readonly zipUses = new Map<string, number>();
  private readonly addresses = new Map<string, Record<string, unknown>>();
  private readonly withDefault = new Set<string>();
  private readonly demand = new Map<string, number>();

  constructor(private readonly products: ReadonlyMap<string, OlistProduct>) {}

  /** The area of a district; customers' districts go unserved for one zip prefix in twenty. */
  area(state: string, city: string, zip: string, seller: boolean): Area {
    const district = zip5(zip);
    const key = `${state}|${city}|${district}`;
    let a = this.areas.get(key);
    if (!a) {
      const n = (this.zipUses.get(district) ?? 0) + 1;
      this.zipUses.set(district, n);
      a = {
        area_id: n === 1 ? district : `${district}-${n}`,
        province: state,
        city,
        district,
        warehouse_id: `WH-${state}`,
        served: fnv(district) % 20 !== 0,
      };
      this.areas.set(key, a);
    }
    if (seller) a.served = true; // a seller's own district is where its parcels are picked up
    return a;
  }

  customer(c: OlistCustomer): Area {
    const area = this.area(c.customer_state, c.customer_city, c.customer_zip_code_prefix, false);
    if (!this.addresses.has(c.customer_id)) {
      const isDefault = !this.withDefault.has(c.customer_unique_id);
      this.withDefault.add(c.customer_unique_id);
      this.addresses.set(c.customer_id, {
        user_id: c.customer_unique_id,
        address_id: c.customer_id,
        province: c.customer_state,
        city: c.customer_city,
        district: area.district,
        address: `CEP ${area.district}-000, ${c.customer_city} - ${c.customer_state}`,
        is_default: isDefault,
      });
    }
    return area;
  }

  seller(s: OlistSeller): Area {
    return this.area(s.seller_state, s.seller_city, s.seller_zip_code_prefix, true);
  }

  sold(productId: string, quantity: number): void {
    this.demand.set(productId, (this.demand.get(productId) ?? 0) + quantity);
  }

  tables(updateTime: string): Record<string, Record<string, unknown>[]> {
    const skus = new Set<string>([...this.products.keys(), ...this.demand.keys()]);
    const ids = [...skus].sort();
    const inventory = ids.map((id) => {
      const stock = 3 * (this.demand.get(id) ?? 0) + 20 + (fnv(id) % 200);
      return { product_id: id, sku_id: id, total_stock: stock, available_stock: stock, frozen_stock: 0, locked_stock: 0, update_time: updateTime };
    });
    const info = ids.map((id) => {
      const olist = this.products.get(id)?.product_category_name || undefined;
      return { sku_id: id, product_id: id, product_name: `${olist ?? 'produto'} ${id.slice(0, 8)}`, category: mapCategory(olist) };
    });
    const areas = [...this.areas.values()]
      .filter((a) => a.served)
      .map(({ served: _, ...row }) => row)
      .sort((a, b) => (a.area_id < b.area_id ? -1 : a.area_id > b.area_id ? 1 : 0));
    return {
      product_inventory: inventory,
      product_info: info,
      user_address: [...this.addresses.values()],
      logistics_area_info: areas,
    };
  }
}
