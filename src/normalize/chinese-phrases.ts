/**
 * Phrases wenji adds in front of opencc's STPhrases for simplified → traditional conversion
 * (docs/typography.md, "Simplified ↔ traditional"). opencc segments text by forward maximum
 * matching over its phrase dictionary: at each position the longest entry wins, and a character
 * no entry starts is converted alone. STPhrases has `个中 → 箇中` ("therein", as in 个中滋味) and
 * `三个`, `几个`, `这个` … but not `一个`, so in `一个中国` the longest entry at 一 is none, and at
 * 个 it is `个中`: the text is cut 一 / 个中 / 国 and comes out `一箇中國`. The same happens after
 * any word opencc does not list (`多个`, `下个`, `20个`, `同一个`).
 *
 * The fix works the way opencc's own dictionaries do (no string replacement after the fact):
 * entries on both sides of the wrong cut, so that the longest match is the right word.
 * - `X个` for the words before 个 that STPhrases lacks, so 个 is taken with its numeral;
 * - `个中X` for the common words that start with 中 (中国, 中学, 中心 …), so that even after a
 *   word nobody can list (a number in digits, a name) the match at 个 is 個 + the word;
 * - `个中心酸`, `个中心得` keep 箇中 where those words would otherwise read 個中心.
 * One gap in STPhrases found by the corpus test is filled too: `钟表 → 鐘錶` (opencc gives 鐘表).
 * The supplement is used for simplified → traditional only; traditional → simplified has no
 * such cut in the corpus (箇 → 个 and 個 → 个 alike).
 */
/** Words before the measure word 个 that STPhrases lacks (simplified → traditional). */
const beforeMeasureWord: Record<string, string> = {
  一: '一', 二: '二', 多: '多', 上: '上', 下: '下', 单: '單', 另: '另', 头: '頭', 同一: '同一', 唯一: '唯一',
  这一: '這一', 那一: '那一', 每一: '每一', 哪一: '哪一', 某一: '某一', 任何一: '任何一',
  ...Object.fromEntries([...'0123456789０１２３４５６７８９'].map((digit) => [digit, digit])),
};

/** Common words starting with 中 that follow the measure word 个, simplified → traditional. */
const wordsWithZhong: Record<string, string> = {
  中国: '中國', 中华: '中華', 中文: '中文', 中学: '中學', 中心: '中心', 中等: '中等', 中间: '中間', 中年: '中年',
  中午: '中午', 中秋: '中秋', 中型: '中型', 中小: '中小', 中层: '中層', 中级: '中級', 中央: '中央', 中医: '中醫',
  中药: '中藥', 中队: '中隊', 中锋: '中鋒', 中场: '中場', 中期: '中期', 中东: '中東', 中部: '中部', 中途: '中途',
  中外: '中外', 中方: '中方', 中餐: '中餐', 中转: '中轉', 中产: '中產', 中性: '中性', 中立: '中立', 中点: '中點',
  中奖: '中獎', 中老年: '中老年', 中青年: '中青年', 中篇: '中篇', 中短: '中短', 中长: '中長', 中资: '中資', 中式: '中式',
  中档: '中檔', 中高: '中高', 中低: '中低', 中号: '中號', 中山: '中山', 中共: '中共', 中美: '中美', 中日: '中日',
  中韩: '中韓', 中西: '中西', 中欧: '中歐', 中亚: '中亞', 中南: '中南', 中毒: '中毒', 中枪: '中槍', 中弹: '中彈',
  中断: '中斷', 中标: '中標', 中介: '中介', 中堂: '中堂', 中庭: '中庭', 中士: '中士', 中尉: '中尉',
  中校: '中校', 中将: '中將', 中线: '中線', 中轴: '中軸', 中环: '中環', 中街: '中街', 中路: '中路', 中盘: '中盤',
};

/** 箇中 ("therein") before words that also start with a word in the list above. */
const therein: Record<string, string> = { 个中心酸: '箇中心酸', 个中心得: '箇中心得' };

/**
 * Gaps the corpus test found: `钟表` is not in STPhrases (opencc writes 鐘表), and its context
 * entry `的钟 → 的鐘` cuts 的钟 / 表 even when 钟表 is listed, so both are added.
 */
const gaps: Record<string, string> = { 钟表: '鐘錶', 的钟表: '的鐘錶' };

/** The supplementary phrases as `[simplified, traditional]` pairs. */
export const supplementaryPhrases: readonly (readonly [string, string])[] = [
  ...Object.entries(beforeMeasureWord).map(([simplified, traditional]) => [`${simplified}个`, `${traditional}個`] as const),
  ...Object.entries(wordsWithZhong).map(([simplified, traditional]) => [`个${simplified}`, `個${traditional}`] as const),
  ...Object.entries(therein),
  ...Object.entries(gaps),
];
