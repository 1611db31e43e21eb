// Lookups over the reference tables (SPEC §1, §7), built once from the store's rows and
// swapped whole when they change.
import type { AreaInfo, ProductInfo, UserAddress } from './ports.js';

const INTEGER = /^-?\d+$/;

/** Id order of SPEC §7: integer ids first, by value, then the others as text. */
export function compareIds(a: string, b: string): number {
  const ai = INTEGER.test(a);
  const bi = INTEGER.test(b);
  if (ai && bi) {
    const x = BigInt(a);
    const y = BigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (ai !== bi) return ai ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function trimmed(v: string | null): string {
  return v === null ? '' : v.trim();
}

export class ReferenceIndex {
  private readonly categories = new Map<string, string>();
  private readonly defaults = new Map<string, UserAddress>();
  private readonly areasById = new Map<string, AreaInfo>();
  private readonly areasByDistrict = new Map<string, AreaInfo>();

  constructor(products: ProductInfo[], addresses: UserAddress[], areas: AreaInfo[]) {
    for (const p of products) if (p.category !== null) this.categories.set(p.sku_id, p.category.trim().toLowerCase());
    for (const a of addresses) {
      if (!a.is_default) continue;
      const prev = this.defaults.get(a.user_id);
      if (!prev || compareIds(a.address_id, prev.address_id) < 0) this.defaults.set(a.user_id, a);
    }
    for (const a of areas) {
      this.areasById.set(a.area_id, a);
      const key = districtKey(a.province, a.city, a.district);
      const prev = this.areasByDistrict.get(key);
      if (!prev || compareIds(a.area_id, prev.area_id) < 0) this.areasByDistrict.set(key, a);
    }
  }

  static empty(): ReferenceIndex {
    return new ReferenceIndex([], [], []);
  }

  /** Lower-cased, trimmed category, or undefined for an unknown SKU / no category. */
  category(skuId: string): string | undefined {
    return this.categories.get(skuId);
  }

  defaultAddress(userId: string): UserAddress | undefined {
    return this.defaults.get(userId);
  }

  area(areaId: string): AreaInfo | undefined {
    return this.areasById.get(areaId);
  }

  areaFor(address: UserAddress): AreaInfo | undefined {
    return this.areasByDistrict.get(districtKey(address.province, address.city, address.district));
  }
}

function districtKey(province: string | null, city: string | null, district: string | null): string {
  return `${trimmed(province)}\u0000${trimmed(city)}\u0000${trimmed(district)}`;
}
