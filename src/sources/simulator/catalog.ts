// The synthetic catalog: products with 1–4 SKUs each, a category (`fresh`, `digital` or another),
// a price, a popularity (Zipf-like) and a stock sized from the demand the data set will put on it.
// A few SKUs are kept short on purpose (the third most popular one too), so some freezes fail.
import { id, type Rng, zipfCumulative } from './prng.js';

export type Kind = 'fresh' | 'digital' | 'other';

export interface Sku {
  skuId: string;
  productId: string;
  name: string;
  kind: Kind;
  /** The category text as product_info holds it (some with odd case or spaces). */
  category: string;
  priceCents: number;
  /** Has a product_info row (a few do not: their category is unknown). */
  hasInfo: boolean;
  available: number;
  locked: number;
}

const PRODUCTS: Record<string, { kind: Kind; names: string[]; variants: string[]; price: [number, number] }> = {
  fresh: { kind: 'fresh', names: ['有机草莓', '阳光玫瑰葡萄', '智利车厘子', '挪威三文鱼', '澳洲谷饲牛排', '散养土鸡蛋', '新西兰奇异果', '有机鲜牛奶'], variants: ['500g', '1kg', '2kg', '礼盒装'], price: [1500, 30000] },
  digital: { kind: 'digital', names: ['无线蓝牙耳机', '智能手表', '机械键盘', '4K显示器', '移动电源', '平板电脑', '智能手机', '游戏手柄'], variants: ['黑色', '白色', '128GB', '256GB'], price: [9900, 899900] },
  apparel: { kind: 'other', names: ['纯棉T恤', '轻薄羽绒服', '跑步鞋', '直筒牛仔裤'], variants: ['S', 'M', 'L', 'XL'], price: [3900, 69900] },
  home: { kind: 'other', names: ['乳胶枕', '四件套', '保温杯', '收纳箱', '电热水壶'], variants: ['标准款', '加大款'], price: [2900, 39900] },
  beauty: { kind: 'other', names: ['保湿面霜', '防晒霜', '丝绒口红'], variants: ['30ml', '50ml'], price: [5900, 59900] },
  books: { kind: 'other', names: ['数据密集型应用系统设计', '流式系统', '深入理解Kafka'], variants: ['平装', '精装'], price: [4900, 15900] },
};
const GROUPS = Object.keys(PRODUCTS);
const GROUP_WEIGHTS = [0.25, 0.2, 0.2, 0.15, 0.12, 0.08];
const ODD_CATEGORY: Record<string, string> = { fresh: ' Fresh', digital: 'DIGITAL ', apparel: 'Apparel' };

export interface Catalog {
  skus: Sku[];
  /** Cumulative popularity over `skus` (index order = popularity rank). */
  popularity: Float64Array;
}

/**
 * `units` is the expected number of units all orders will ask for; `lowShare` the share of SKUs
 * stocked below their demand; `hot` keeps the third most popular SKU short as well.
 */
export function buildCatalog(rng: Rng, skuCount: number, units: number, lowShare: number, hot = true): Catalog {
  const skus: Sku[] = [];
  let product = 0;
  while (skus.length < skuCount) {
    const g = GROUPS[rng.weighted(cumulative(GROUP_WEIGHTS))]!;
    const spec = PRODUCTS[g]!;
    const productId = id('P', ++product, 5);
    const base = rng.pick(spec.names);
    const price = roundPrice(rng.range(spec.price[0], spec.price[1]));
    const nVariants = Math.min(rng.int(1, 4), spec.variants.length, skuCount - skus.length);
    const category = g in ODD_CATEGORY && rng.chance(0.05) ? ODD_CATEGORY[g]! : g;
    for (let v = 0; v < nVariants; v++) {
      skus.push({
        skuId: id('SKU', skus.length + 1, 6),
        productId,
        name: `${base} ${spec.variants[v]}`,
        kind: spec.kind,
        category,
        priceCents: v === 0 ? price : roundPrice(price * rng.range(0.9, 1.4)),
        hasInfo: !rng.chance(0.01),
        available: 0,
        locked: 0,
      });
    }
  }
  // Popularity follows index order; shuffle so that popular SKUs are spread over products.
  for (let i = skus.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [skus[i], skus[j]] = [skus[j]!, skus[i]!];
  }
  const popularity = zipfCumulative(skus.length, 0.8);
  const total = popularity[popularity.length - 1]!;
  skus.forEach((s, i) => {
    const share = (popularity[i]! - (i > 0 ? popularity[i - 1]! : 0)) / total;
    const demand = units * share;
    if (hot && i === 2) s.available = Math.floor(demand * rng.range(0.3, 0.7)); // the hot item that sells out
    else if (rng.chance(lowShare)) s.available = Math.floor(demand * rng.range(0, 0.3));
    else s.available = Math.ceil(demand * rng.range(2, 5)) + rng.int(10, 200);
    s.locked = rng.chance(0.05) ? rng.int(1, 20) : 0;
  });
  return { skus, popularity };
}

function roundPrice(cents: number): number {
  // Shop prices end in 0 or 9 (…9.90, …8.00).
  const c = Math.round(cents / 10) * 10;
  return c - (c % 100 === 0 && c > 1000 ? 10 : 0);
}

function cumulative(ws: readonly number[]): number[] {
  let acc = 0;
  return ws.map((w) => (acc += w));
}
