import type { SpecValue } from '../db/schema.ts';

/**
 * The demo mall's catalog, as data: shops, a three-level category tree, and for every
 * leaf category the words and specs its products are made from. `seed.ts` turns it
 * into rows with a fixed-seed random generator, so every run yields the same mall.
 */

export interface DemoShop {
  name: string;
  description: string;
}

export interface DemoLeaf {
  name: string;
  /** Index into `demoShops` of the shop that sells it. */
  shop: number;
  brands: string[];
  nouns: string[];
  features: string[];
  /** Spec attributes; a product's SKUs take combinations of these values. */
  specs: Array<{ name: string; values: string[] }>;
  /** Price range in cents for a product's cheapest SKU. */
  price: [number, number];
}

export interface DemoBranch {
  name: string;
  children: Array<{ name: string; leaves: DemoLeaf[] }>;
}

export const demoShops: DemoShop[] = [
  { name: '锦绣服饰旗舰店', description: '原创设计女装与男装，当季新款每周上新。' },
  { name: '数码港官方店', description: '手机配件与电脑周边，正品保障，全国联保。' },
  { name: '山野零食铺', description: '产地直采的坚果零食，新鲜烘焙。' },
  { name: '茶香源', description: '名山茶园直供，明前春茶与经典红茶。' },
  { name: '悦家家居馆', description: '让家更舒适的家纺与厨具。' },
  { name: '花间美妆', description: '温和护肤与日常彩妆，专柜同款。' },
];

const colors = ['黑色', '白色', '藏青', '燕麦色', '雾霾蓝', '酒红'];
const sizes = ['S', 'M', 'L', 'XL', 'XXL'];

export const demoCategories: DemoBranch[] = [
  {
    name: '服装',
    children: [
      {
        name: '女装',
        leaves: [
          {
            name: '连衣裙', shop: 0, brands: ['锦绣', '素语', '初见'],
            nouns: ['碎花连衣裙', '针织连衣裙', '衬衫裙', '吊带长裙', '法式茶歇裙'],
            features: ['收腰显瘦', '2026秋季新款', '气质通勤', '温柔风', '小个子可穿'],
            specs: [{ name: '颜色', values: colors }, { name: '尺码', values: sizes }], price: [12900, 45900],
          },
          {
            name: 'T恤', shop: 0, brands: ['锦绣', '素语'],
            nouns: ['纯棉短袖T恤', '宽松印花T恤', '长袖打底衫', '圆领基础款T恤'],
            features: ['100%新疆棉', '不易变形', '百搭', '亲肤透气'],
            specs: [{ name: '颜色', values: colors }, { name: '尺码', values: sizes }], price: [3900, 12900],
          },
        ],
      },
      {
        name: '男装',
        leaves: [
          {
            name: '衬衫', shop: 0, brands: ['锦绣', '简行'],
            nouns: ['免烫商务衬衫', '牛津纺衬衫', '亚麻休闲衬衫', '条纹长袖衬衫'],
            features: ['抗皱', '修身版型', '职场通勤', '透气舒适'],
            specs: [{ name: '颜色', values: ['白色', '浅蓝', '灰色', '藏青'] }, { name: '尺码', values: ['38', '39', '40', '41', '42', '43'] }],
            price: [9900, 29900],
          },
          {
            name: '夹克', shop: 0, brands: ['简行', '锦绣'],
            nouns: ['工装夹克', '立领飞行员夹克', '防风户外夹克', '牛仔夹克'],
            features: ['春秋外套', '多口袋', '防泼水', '宽松版'],
            specs: [{ name: '颜色', values: ['黑色', '军绿', '卡其'] }, { name: '尺码', values: ['M', 'L', 'XL', 'XXL'] }],
            price: [19900, 59900],
          },
        ],
      },
    ],
  },
  {
    name: '数码',
    children: [
      {
        name: '手机配件',
        leaves: [
          {
            name: '耳机', shop: 1, brands: ['声悦', '极客', '听澜'],
            nouns: ['真无线蓝牙耳机', '主动降噪耳机', '运动挂耳耳机', '头戴式耳机'],
            features: ['40小时续航', '低延迟游戏模式', 'IPX5防水', '通话降噪'],
            specs: [{ name: '颜色', values: ['曜石黑', '珍珠白', '星空蓝'] }, { name: '版本', values: ['标准版', '降噪版', 'Pro版'] }],
            price: [9900, 89900],
          },
          {
            name: '充电器', shop: 1, brands: ['极客', '能量站'],
            nouns: ['氮化镓快充头', '磁吸无线充电器', '三合一充电底座', '车载快充'],
            features: ['65W', '多口同充', '折叠插脚', '智能温控'],
            specs: [{ name: '颜色', values: ['白色', '黑色'] }, { name: '规格', values: ['单头', '含1米线', '含2米线'] }],
            price: [4900, 25900],
          },
        ],
      },
      {
        name: '电脑周边',
        leaves: [
          {
            name: '键盘', shop: 1, brands: ['极客', '键客'],
            nouns: ['机械键盘', '无线静音键盘', '三模客制化键盘', '超薄蓝牙键盘'],
            features: ['热插拔', 'RGB背光', '87键', 'Gasket结构'],
            specs: [{ name: '颜色', values: ['黑色', '白色', '奶茶色'] }, { name: '轴体', values: ['红轴', '茶轴', '青轴'] }],
            price: [12900, 69900],
          },
          {
            name: '鼠标', shop: 1, brands: ['极客', '声悦'],
            nouns: ['无线办公鼠标', '轻量化游戏鼠标', '人体工学垂直鼠标', '静音蓝牙鼠标'],
            features: ['26000DPI', '双模连接', '长续航', '静音按键'],
            specs: [{ name: '颜色', values: ['黑色', '白色', '粉色'] }, { name: '版本', values: ['有线版', '无线版'] }],
            price: [3900, 39900],
          },
        ],
      },
    ],
  },
  {
    name: '食品',
    children: [
      {
        name: '零食',
        leaves: [
          {
            name: '坚果', shop: 2, brands: ['山野', '果仁坊'],
            nouns: ['每日坚果', '手剥巴旦木', '碧根果', '盐焗腰果', '原味开心果'],
            features: ['独立小包装', '当季新货', '无添加', '家庭装'],
            specs: [{ name: '规格', values: ['250g', '500g', '1kg', '30包礼盒'] }], price: [2990, 15900],
          },
          {
            name: '饼干', shop: 2, brands: ['山野', '麦香'],
            nouns: ['全麦苏打饼干', '黄油曲奇', '海苔薄脆', '蛋黄酥'],
            features: ['酥脆可口', '办公室零食', '低糖', '现烤'],
            specs: [{ name: '口味', values: ['原味', '海盐', '芝士', '抹茶'] }, { name: '规格', values: ['200g', '500g'] }],
            price: [1590, 6900],
          },
        ],
      },
      {
        name: '茶饮',
        leaves: [
          {
            name: '绿茶', shop: 3, brands: ['茶香源', '云雾山'],
            nouns: ['西湖龙井', '碧螺春', '黄山毛峰', '信阳毛尖'],
            features: ['明前特级', '2026新茶', '高山云雾', '罐装'],
            specs: [{ name: '规格', values: ['50g', '125g', '250g', '礼盒装'] }], price: [6800, 58800],
          },
          {
            name: '红茶', shop: 3, brands: ['茶香源', '武夷岩'],
            nouns: ['正山小种', '滇红金芽', '祁门红茶', '金骏眉'],
            features: ['蜜香浓郁', '特级', '原产地直发', '散装'],
            specs: [{ name: '规格', values: ['100g', '250g', '500g'] }], price: [5800, 39800],
          },
        ],
      },
    ],
  },
  {
    name: '家居',
    children: [
      {
        name: '家纺',
        leaves: [
          {
            name: '四件套', shop: 4, brands: ['悦家', '眠屋'],
            nouns: ['全棉四件套', '水洗棉四件套', '长绒棉四件套', '天丝四件套'],
            features: ['亲肤裸睡', '简约纯色', 'A类母婴级', '不起球'],
            specs: [{ name: '颜色', values: ['浅灰', '米白', '豆绿', '雾蓝'] }, { name: '尺寸', values: ['1.5m床', '1.8m床', '2.0m床'] }],
            price: [19900, 79900],
          },
          {
            name: '枕头', shop: 4, brands: ['眠屋', '悦家'],
            nouns: ['乳胶枕', '记忆棉护颈枕', '羽绒枕', '荞麦枕'],
            features: ['护颈助眠', '可水洗', '高低可调', '一对装'],
            specs: [{ name: '规格', values: ['标准款', '加高款', '儿童款'] }], price: [5900, 29900],
          },
        ],
      },
      {
        name: '厨具',
        leaves: [
          {
            name: '锅具', shop: 4, brands: ['悦家', '厨匠'],
            nouns: ['不粘炒锅', '珐琅铸铁锅', '多层钢汤锅', '麦饭石煎锅'],
            features: ['少油烟', '燃气电磁炉通用', '加厚锅底', '带锅盖'],
            specs: [{ name: '尺寸', values: ['26cm', '28cm', '30cm', '32cm'] }], price: [12900, 69900],
          },
          {
            name: '刀具', shop: 4, brands: ['厨匠', '锋匠'],
            nouns: ['不锈钢刀具套装', '大马士革主厨刀', '多用水果刀', '厨房剪刀'],
            features: ['锋利耐用', '防锈', '人体工学手柄', '送刀座'],
            specs: [{ name: '规格', values: ['单把', '三件套', '六件套'] }], price: [3900, 49900],
          },
        ],
      },
    ],
  },
  {
    name: '美妆',
    children: [
      {
        name: '护肤',
        leaves: [
          {
            name: '面霜', shop: 5, brands: ['花间', '初颜'],
            nouns: ['保湿面霜', '修护面霜', '抗皱紧致霜', '清爽乳液'],
            features: ['敏感肌可用', '补水锁水', '温和无刺激', '秋冬必备'],
            specs: [{ name: '规格', values: ['30ml', '50ml', '100ml'] }], price: [8900, 49900],
          },
          {
            name: '精华', shop: 5, brands: ['花间', '初颜'],
            nouns: ['玻尿酸精华液', '烟酰胺精华', '维C亮肤精华', '小棕瓶修护精华'],
            features: ['提亮肤色', '淡化细纹', '温和配方', '早晚可用'],
            specs: [{ name: '规格', values: ['15ml', '30ml', '50ml'] }], price: [12900, 89900],
          },
        ],
      },
      {
        name: '彩妆',
        leaves: [
          {
            name: '口红', shop: 5, brands: ['花间', '绯色'],
            nouns: ['丝绒哑光口红', '滋润唇膏', '水光唇釉', '唇泥'],
            features: ['显白', '不易沾杯', '持久', '小金管'],
            specs: [{ name: '色号', values: ['#01正红', '#02豆沙', '#03枫叶红', '#04奶茶', '#05番茄'] }], price: [6900, 32900],
          },
        ],
      },
    ],
  },
];

