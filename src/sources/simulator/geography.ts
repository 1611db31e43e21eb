// The synthetic storefront's map: provinces, cities and districts with administrative-style codes.
// Every district of a served city is a delivery area with its city's warehouse; the far-west
// regions are not served at all, and one district has two areas (the lowest area_id wins, §7).

export interface District {
  province: string;
  city: string;
  district: string;
  /** Six-digit area code; undefined when no warehouse serves the district. */
  areaId: string | undefined;
  warehouseId: string | undefined;
  /** Relative share of users living there. */
  weight: number;
}

interface CitySpec {
  city: string;
  code: string;
  weight: number;
  districts: string[];
}

const GEO: { province: string; code: string; served: boolean; cities: CitySpec[] }[] = [
  { province: '广东省', code: '44', served: true, cities: [
    { city: '广州市', code: '01', weight: 8, districts: ['天河区', '越秀区', '海珠区', '白云区', '番禺区'] },
    { city: '深圳市', code: '03', weight: 9, districts: ['南山区', '福田区', '罗湖区', '宝安区', '龙岗区'] },
    { city: '东莞市', code: '19', weight: 3, districts: ['莞城区', '南城区', '东城区'] },
  ] },
  { province: '浙江省', code: '33', served: true, cities: [
    { city: '杭州市', code: '01', weight: 7, districts: ['西湖区', '上城区', '拱墅区', '滨江区', '余杭区'] },
    { city: '宁波市', code: '02', weight: 3, districts: ['海曙区', '江北区', '鄞州区'] },
  ] },
  { province: '江苏省', code: '32', served: true, cities: [
    { city: '南京市', code: '01', weight: 5, districts: ['玄武区', '秦淮区', '鼓楼区', '建邺区'] },
    { city: '苏州市', code: '05', weight: 5, districts: ['姑苏区', '吴中区', '相城区', '虎丘区'] },
  ] },
  { province: '北京市', code: '11', served: true, cities: [
    { city: '北京市', code: '01', weight: 10, districts: ['朝阳区', '海淀区', '东城区', '西城区', '丰台区', '通州区'] },
  ] },
  { province: '上海市', code: '31', served: true, cities: [
    { city: '上海市', code: '01', weight: 10, districts: ['浦东新区', '黄浦区', '徐汇区', '静安区', '闵行区', '杨浦区'] },
  ] },
  { province: '四川省', code: '51', served: true, cities: [
    { city: '成都市', code: '01', weight: 6, districts: ['锦江区', '青羊区', '武侯区', '成华区', '郫都区'] },
  ] },
  { province: '湖北省', code: '42', served: true, cities: [
    { city: '武汉市', code: '01', weight: 5, districts: ['江岸区', '武昌区', '洪山区', '汉阳区'] },
  ] },
  { province: '陕西省', code: '61', served: true, cities: [
    { city: '西安市', code: '01', weight: 4, districts: ['雁塔区', '碑林区', '未央区', '长安区'] },
  ] },
  { province: '福建省', code: '35', served: true, cities: [
    { city: '厦门市', code: '02', weight: 3, districts: ['思明区', '湖里区', '集美区'] },
    { city: '福州市', code: '01', weight: 3, districts: ['鼓楼区', '台江区', '仓山区'] },
  ] },
  { province: '山东省', code: '37', served: true, cities: [
    { city: '济南市', code: '01', weight: 3, districts: ['历下区', '市中区', '槐荫区'] },
    { city: '青岛市', code: '02', weight: 4, districts: ['市南区', '市北区', '黄岛区', '崂山区'] },
  ] },
  { province: '新疆维吾尔自治区', code: '65', served: false, cities: [
    { city: '乌鲁木齐市', code: '01', weight: 1, districts: ['天山区', '沙依巴克区'] },
  ] },
  { province: '西藏自治区', code: '54', served: false, cities: [
    { city: '拉萨市', code: '01', weight: 0.5, districts: ['城关区'] },
  ] },
];

export const STREETS = ['人民路', '中山路', '解放路', '建设路', '和平路', '科技园路', '滨江大道', '学院路', '长江路', '新华街'];

export function districts(): District[] {
  const out: District[] = [];
  for (const p of GEO) {
    for (const c of p.cities) {
      c.districts.forEach((d, i) => {
        const code = p.code + c.code + String(i + 1).padStart(2, '0');
        out.push({
          province: p.province,
          city: c.city,
          district: d,
          areaId: p.served ? code : undefined,
          warehouseId: p.served ? `WH${p.code}${c.code}` : undefined,
          weight: c.weight / c.districts.length,
        });
      });
    }
  }
  return out;
}

export interface AreaRow {
  area_id: string;
  province: string;
  city: string;
  district: string;
  warehouse_id: string;
}

/** The `logistics_area_info` table: served districts, plus a second area for Pudong. */
export function areaRows(ds: readonly District[]): AreaRow[] {
  const rows: AreaRow[] = [];
  for (const d of ds) {
    if (!d.areaId || !d.warehouseId) continue;
    rows.push({ area_id: d.areaId, province: d.province, city: d.city, district: d.district, warehouse_id: d.warehouseId });
    if (d.district === '浦东新区') {
      rows.push({ area_id: d.areaId + '9', province: d.province, city: d.city, district: d.district, warehouse_id: 'WH3101B' });
    }
  }
  return rows;
}
