/**
 * Page chrome that text copied or saved from web platforms carries: follow prompts, share and
 * like counters, "read the original" links, comment-box labels, editor stamps. Each pattern must
 * match a whole paragraph or line (after spaces are collapsed and trimmed) — never part of a
 * sentence — and each is short, so a real paragraph cannot match it by accident.
 */
export interface StripPattern {
  /** What a user sees in the report: the config entry, or the default's name. */
  source: string;
  test: (text: string) => boolean;
  /**
   * Chrome that may stand inside a post (`Link`, `Tumblr media`): removed, but never taken for
   * the frame between two posts of a blog dump.
   */
  inline?: boolean;
}

/** A paragraph longer than this is never chrome (and long text is not run through the patterns). */
export const longestChrome = 80;

const counterWords =
  '阅读|阅读量|閱讀|浏览|浏览量|瀏覽|播放|在看|点赞|點讚|赞|讚|喜欢|喜歡|评论|評論|留言|收藏|分享|转发|轉發|推荐|推薦|' +
  'notes?|comments?|likes?|shares?|reblogs?|views?|reads?|replies|retweets?|reposts?|favorites?|claps?|upvotes?';
const number = '\\d[\\d,.]*\\s*(?:[万萬千kKwWmM]\\+?|\\+)?';
const counter = `(?:(?:${counterWords})\\s*[:：]?\\s*${number}|${number}\\s*(?:[条條个個人次]\\s*)?(?:${counterWords}))`;
const platforms = '微信|朋友圈|微博|新浪微博|QQ|QQ空间|QQ空間|豆瓣|知乎|Facebook|Twitter|X|LinkedIn|Weibo|WeChat|Email|E-mail|Copy link|复制链接|複製連結|Telegram|WhatsApp|Reddit|Pinterest|Tumblr';

const defaults: [string, RegExp, { inline?: boolean }?][] = [
  ['read the original', /^(?:阅读原文|閱讀原文|查看原文|点击阅读原文|點擊閱讀原文|阅读全文|閱讀全文|展开全文|展開全文|(?:点击)?展开全文剩余内容|Read more|Continue reading|Read the full (?:story|article))\s*[>»›→]*$/i],
  ['follow prompt', /^(?:[▲△↑👆☝]\s*)?(?:点击|點擊|戳)(?:上方|下方|顶部|底部|上面|下面|頂部)?[^。！？.!?]{0,12}?(?:关注|關注|订阅|訂閱|星标|星標|设为星标|設為星標)[^。！？.!?]{0,16}$/u],
  ['scan prompt', /^(?:长按|長按|扫描|掃描|扫码|掃碼)(?:下方|上方|图中|圖中|图片|圖片)?(?:识别|識別)?(?:二维码|二維碼|小程序码|小程序碼)?[，,\s]*(?:即可|立即|马上|馬上)?(?:关注|關注|加入|下载|下載|添加|阅读|閱讀|订阅|訂閱|获取|獲取|进群|進群|购买|購買)[^。！？.!?]{0,12}$/u],
  ['counter', new RegExp(`^${counter}(?:\\s*[·|/,，、]?\\s*${counter})*$`, 'iu')],
  ['counter label', /^(?:阅读|閱讀|在看|点赞|點讚|评论|評論|留言|分享|转发|轉發|收藏|シェア|ツイート|いいね|コメント|Link|Permalink|Share|Share this|Tweet|Reblog|Reply|Comments|Leave a (?:comment|reply))$/iu, { inline: true }],
  ['media placeholder', /^(?:Tumblr media|[[［【]\s*(?:图片|圖片|视频|視頻|动图|動圖|表情|音频|音頻|image|photo|picture|video|gif|audio)\s*[\]］】])$/iu, { inline: true }],
  ['share bar', new RegExp(`^(?:分享到|分享至|分享|Share(?: this)?(?: on| to| via)?)\\s*[:：]?\\s*(?:(?:${platforms})\\s*[|/·、,，]?\\s*)*$`, 'iu')],
  ['share buttons', new RegExp(`^(?:(?:${platforms})\\s*[|/·、,，]?\\s*){2,}$`, 'iu')],
  ['share to', new RegExp(`^(?:转播到|轉播到|分享到|转发到|轉發到|推荐到|推薦到|转发至|轉發至)\\s*(?:${platforms}|腾讯微博|騰訊微博|人人网|人人網|开心网|開心網|QQ好友|好友|朋友圈)$`, 'iu')],
  ['scan to share', /^(?:用)?(?:微信|手机|手機)?(?:扫描|掃描|扫一扫|掃一掃)(?:二维码|二維碼)?[，,\s]*(?:即可)?(?:分享|转发|轉發|用手机看|用手機看|看新闻|看新聞|手机阅读|手機閱讀|在手机上|在手機上)[^。！？.!?]{0,16}[！!]?$/u],
  ['page tools', /^(?:[【[［]?\s*(?:打印|列印|关闭|關閉|收藏本文|纠错|糾錯|我要纠错|我要糾錯|我要评论|我要評論|打印本页|打印本頁|关闭窗口|關閉窗口|(?:字号|字號|默认|默認)?\s*[:：]?\s*大\s*中\s*小)\s*[】\]］]?\s*)+$/u],
  ['poll', /^(?:您认为这篇文章与.{0,40}相关度高吗|您認為這篇文章與.{0,40}相關度高嗎|(?:这篇|本篇|本)?文章(?:对你|对您|對你|對您)?有(?:帮助|幫助)吗|看完这篇文章[，,]?你的心情(?:是|如何)?|(?:心情|表态|表態)投票)\s*[？?]?$/u],
  ['editor stamp', /^[（(【\[]?\s*(?:责任编辑|責任編輯|责编|責編|编辑|編輯|校对|校對|审核|審核)\s*[:：]\s*[\p{L}·・\s]{1,12}\s*[）)】\]]?$/u],
  ['wechat chrome', /^(?:预览时标签不可点|預覽時標籤不可點|微信扫一扫\s*关注该公众号|微信扫一扫\s*使用小程序|继续滑动看下一个|繼續滑動看下一個|向上滑动看下一个|轻点两下取消赞|轻点两下取消在看|分享\s*留言\s*收藏|视频\s*小程序\s*赞.*|原创\s*[:：]?\s*$|喜欢此内容的人还喜欢|喜歡此內容的人還喜歡|修改于\d{4}年\d{1,2}月\d{1,2}日)$/u],
  ['related links heading', /^(?:推荐阅读|推薦閱讀|相关阅读|相關閱讀|相关文章|相關文章|相关新闻|相關新聞|相关链接|相關鏈接|延伸阅读|延伸閱讀|猜你喜欢|猜你喜歡|热门文章|熱門文章|热门推荐|熱門推薦|热点推荐|熱點推薦|精彩推荐|精彩推薦|编辑推荐|編輯推薦|今日推荐|今日推薦|往期回顾|往期回顧|往期推荐|往期推薦|(?:精彩|热门|熱門|相关|相關)(?:视频|視頻)(?:推荐|推薦)?|(?:视频|視頻)(?:推荐|推薦)|精彩(?:视频|視頻|图片|圖片)推荐|精彩图片|精彩圖片|看过本文的人还看了|看過本文的人還看了|更多精彩|関連記事|おすすめ記事|Related (?:posts|articles|stories|videos)|You (?:may|might) also like|More from .{1,30})\s*[:：]?$/iu],
  ['previous/next', /^(?:上一篇|下一篇|上一章|下一章|前の記事|次の記事|Previous (?:post|article|story)|Next (?:post|article|story))\s*[:：]?.{0,60}$/iu],
  ['back to top', /^(?:返回顶部|返回頂部|回到顶部|回到頂部|返回首页|返回首頁|回到首页|回到首頁|返回搜狐，查看更多|Back to top)\s*[↑▲]?$/iu],
  ['back link', /^(?:[<«←＜]?\s*(?:前のページへ戻る|前のページに戻る|ページの(?:先頭|トップ)へ(?:戻る)?|ページトップへ(?:戻る)?|トップへ戻る|トップに戻る|一覧へ戻る|一覧に戻る|記事一覧へ(?:戻る)?|返回列表|返回上一页|返回上一頁|返回上页|返回上頁|返回目录|返回目錄|Go back)\s*[>»→＞]?|[<«←＜]\s*(?:戻る|Back))$/iu],
  ['breadcrumb', /^(?:(?:当前位置|當前位置|您的位置|你的位置|您现在的位置|您現在的位置|所在位置|現在位置|现在位置)\s*[:：]\s*[^>›»→＞/|]{1,16}(?:\s*(?:>>?|›|»|→|＞|\/|\|)\s*[^>›»→＞/|]{1,16}){1,6}|(?:首页|首頁|主页|主頁|网站首页|網站首頁|ホーム|トップ|TOP|Home)\s*(?:(?:>>?|›|»|→|＞|\/|\|)\s*[^>›»→＞/|]{1,16}\s*){1,6})\s*[>›»→＞]?\s*$/iu],
  ['advertisement', /^[【\[(（]?\s*(?:广告|廣告|推广|推廣|Advertisement|ADVERTISEMENT|Sponsored(?: content)?)\s*[】\])）]?$/iu],
  ['end mark', /^[-—–_=*·~～\s]*[-—–_=*·~～]\s*(?:THE\s+)?END\s*[-—–_=*·~～][-—–_=*·~～\s]*$/iu],
  ['copyright notice', /^(?:©|\(c\)|版权所有|版權所有|Copyright).{0,60}(?:All rights reserved\.?|版权所有|版權所有|保留所有权利|保留所有權利)$/iu],
  ['login prompt', /^(?:登录后参与评论|登錄後參與評論|登录\s*[/／]\s*注册|登入\s*[/／]\s*註冊|发表评论|發表評論|写评论|寫評論|写下你的评论.*|Sign in to comment|Log in to (?:comment|reply)|Subscribe(?: now)?|Sign up for (?:our|the) newsletter)$/iu],
];

/**
 * The patterns a book uses: wenji's defaults (unless `defaults: false`) and the book's own
 * entries — plain text is one exact paragraph, `/…/flags` a regex anchored to the whole paragraph.
 */
export function stripPatterns(config: false | string[] | { defaults: boolean; patterns: string[] }): StripPattern[] {
  if (config === false) return [];
  const { defaults: useDefaults, patterns } = Array.isArray(config) ? { defaults: true, patterns: config } : config;
  const own = patterns.map(compileStripPattern);
  return [...(useDefaults ? defaultStripPatterns() : []), ...own];
}

export function defaultStripPatterns(): StripPattern[] {
  return defaults.map(([name, regex, flags]) => ({ source: `default: ${name}`, test: (text) => regex.test(text), ...(flags?.inline ? { inline: true } : {}) }));
}

export function compileStripPattern(entry: string): StripPattern {
  const regex = /^\/(.*)\/([a-z]*)$/s.exec(entry);
  if (regex) {
    const flags = [...new Set(`${regex[2]}u`.replace(/[gy]/g, ''))].join('');
    const compiled = new RegExp(`^(?:${regex[1]})$`, flags);
    return { source: entry, test: (text) => compiled.test(text) };
  }
  const exact = normalizeChromeText(entry);
  return { source: entry, test: (text) => text === exact };
}

/** The form paragraphs are compared in: spaces (incl. `&nbsp;`, `　`) collapsed, ends trimmed. */
export function normalizeChromeText(text: string): string {
  return text.replace(/[\s\u00A0\u3000\u200B\uFEFF]+/g, ' ').trim();
}
