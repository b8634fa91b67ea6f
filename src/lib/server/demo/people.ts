import type { SeededRandom } from './seeded-random';

// Plausible but FAKE applicants and staff: Chinese names, 18-digit resident ID numbers
// with a valid check digit (GB 11643), unified social credit codes with a valid check
// character (GB 32100), mobile numbers. Any resemblance to a real person is chance.

const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
const GIVEN =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鹏飞斌宇浩凯健俊帆帅旭宁欣婷雪琳晨辰阳杰涵睿博文思雨佳怡梓轩子墨诗琪嘉欣晓东志远建国海燕丹蕾倩露颖瑶蓉川渝锦';
const BRAND_CHARS = '锦蓉天华瑞恒鑫兴盛达新宏博创源通泰嘉信和佳宇晟辰航智云川峰德汇聚铭诚润丰益隆昌顺';
const INDUSTRIES = [
  '科技',
  '商贸',
  '餐饮管理',
  '建筑工程',
  '信息技术',
  '文化传媒',
  '物业管理',
  '医药',
  '环保科技',
  '教育咨询',
  '建材',
  '物流',
  '旅游',
  '食品',
  '装饰工程',
  '网络科技',
  '农业开发',
  '健康管理',
  '机械设备',
  '企业管理咨询'
];
const COMPANY_FORMS = ['有限公司', '有限公司', '有限公司', '有限公司', '有限责任公司', '股份有限公司'];
const CITIES = ['成都', '成都', '成都', '成都', '四川', '成都市'];

/** Division codes of where applicants were born: mostly local, some from elsewhere. */
const ORIGIN_REGIONS = [
  '510104',
  '510105',
  '510106',
  '510108',
  '510112',
  '510113',
  '510114',
  '510115',
  '510116',
  '510121',
  '510302',
  '510411',
  '510502',
  '510681',
  '510703',
  '511002',
  '511102',
  '511302',
  '511402',
  '511702',
  '500103',
  '500106',
  '420106',
  '610113',
  '530102'
];
const MOBILE_PREFIXES = [
  '130',
  '131',
  '132',
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '153',
  '155',
  '156',
  '157',
  '158',
  '159',
  '166',
  '173',
  '175',
  '176',
  '177',
  '178',
  '180',
  '181',
  '182',
  '183',
  '185',
  '186',
  '187',
  '188',
  '189',
  '191',
  '193',
  '195',
  '198',
  '199'
];

export function fakePersonName(rng: SeededRandom): string {
  const surname = SURNAMES[rng.int(0, SURNAMES.length - 1)];
  const first = GIVEN[rng.int(0, GIVEN.length - 1)];
  return rng.chance(0.3) ? surname + first : surname + first + GIVEN[rng.int(0, GIVEN.length - 1)];
}

export function fakeEnterpriseName(rng: SeededRandom): string {
  const brand =
    BRAND_CHARS[rng.int(0, BRAND_CHARS.length - 1)] + BRAND_CHARS[rng.int(0, BRAND_CHARS.length - 1)];
  return rng.pick(CITIES) + brand + rng.pick(INDUSTRIES) + rng.pick(COMPANY_FORMS);
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** The check character of the first 17 digits of a resident ID number (GB 11643). */
export function idCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11];
}

export function isValidIdNumber(id: string): boolean {
  return /^\d{17}[\dX]$/.test(id) && idCheckDigit(id.slice(0, 17)) === id[17];
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const pad2 = (n: number) => (n < 10 ? '0' + n : String(n));

/** An 18-digit resident ID: region prefix, birth date (born 1955–2005), sequence, check digit. */
export function fakeIdNumber(rng: SeededRandom, homeRegion: string): string {
  const region = rng.chance(0.55) ? homeRegion : rng.pick(ORIGIN_REGIONS);
  const year = rng.int(1955, 2005);
  const month = rng.int(1, 12);
  const leap = month === 2 && year % 4 === 0 ? 1 : 0;
  const day = rng.int(1, MONTH_DAYS[month - 1] + leap);
  const sequence = String(rng.int(0, 999)).padStart(3, '0');
  const first17 = region + year + pad2(month) + pad2(day) + sequence;
  return first17 + idCheckDigit(first17);
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character of the first 17 characters of a unified social credit code (GB 32100). */
export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(first17[i]) * USCC_WEIGHTS[i];
  return USCC_CHARS[(31 - (sum % 31)) % 31];
}

export function isValidUscc(code: string): boolean {
  return /^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code) && usccCheckChar(code.slice(0, 17)) === code[17];
}

/** A unified social credit code of an enterprise registered in `region` (9 1 = company). */
export function fakeUscc(rng: SeededRandom, region: string): string {
  let body = '91' + region + 'MA';
  for (let i = 0; i < 7; i++) body += USCC_CHARS[rng.int(0, USCC_CHARS.length - 1)];
  return body + usccCheckChar(body);
}

/** A mainland mobile number 1[3-9]xxxxxxxxx. */
export function fakePhone(rng: SeededRandom): string {
  return rng.pick(MOBILE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, '0');
}
