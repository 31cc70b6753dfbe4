import { createRequire as __wenjiCreateRequire } from 'node:module'; const require = __wenjiCreateRequire(import.meta.url);
import {
  SKIP,
  esm_default,
  position,
  toString,
  visit
} from "./chunk-ZRDL34G2.js";
import {
  h,
  unified
} from "./chunk-4T5F5MTL.js";

// src/normalize/cjk-characters.ts
var cjkLetter = "\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\u3005\\u3006\\u30FC";
var cjkPunctuation = "\\u3000-\\u303F\\uFF00-\\uFF0F\\uFF1A-\\uFF20\\uFF3B-\\uFF40\\uFF5B-\\uFF65\\u2014\\u2026\\u201C\\u201D\\u2018\\u2019\\u00B7\\uFE30-\\uFE4F";
var cjk = `${cjkLetter}${cjkPunctuation}`;
var cjkTest = new RegExp(`[${cjk}]`, "u");
var cjkLetterTest = new RegExp(`[${cjkLetter}]`, "u");
var cjkLetterGlobal = new RegExp(`[${cjkLetter}]`, "gu");
function isCjk(char) {
  return char !== void 0 && cjkTest.test(char);
}
var fullWidthPunctuationTest = /[\u3001-\u303F\uFF01-\uFF0F\uFF1A-\uFF20\uFF3B-\uFF40\uFF5B-\uFF65\u201C\u201D\u2018\u2019\u2014\u2026]/u;
function isFullWidthPunctuation(char) {
  return char !== void 0 && fullWidthPunctuationTest.test(char);
}
function isCjkLetter(char) {
  return char !== void 0 && cjkLetterTest.test(char);
}
function cjkShare(text2) {
  const letters = text2.match(new RegExp("\\p{L}", "gu"))?.length ?? 0;
  if (letters === 0) return 0;
  const han = text2.match(cjkLetterGlobal)?.length ?? 0;
  return han / letters;
}

// src/normalize/hast-tools.ts
var literalElements = /* @__PURE__ */ new Set(["pre", "code", "kbd", "samp", "var", "tt", "script", "style", "textarea", "math", "svg"]);
var phrasing = /* @__PURE__ */ new Set([
  "a",
  "abbr",
  "b",
  "bdi",
  "bdo",
  "br",
  "cite",
  "code",
  "del",
  "dfn",
  "em",
  "i",
  "img",
  "ins",
  "kbd",
  "mark",
  "q",
  "rp",
  "rt",
  "ruby",
  "s",
  "samp",
  "small",
  "span",
  "strike",
  "strong",
  "sub",
  "sup",
  "time",
  "tt",
  "u",
  "var",
  "wbr"
]);
function isElement(node, ...names2) {
  return node?.type === "element" && (names2.length === 0 || names2.includes(node.tagName));
}
function isPhrasing(node) {
  return node.type === "text" || node.type === "comment" || node.type === "element" && phrasing.has(node.tagName);
}
function isWhitespaceText(node) {
  return node.type === "text" && /^[\s\u00A0\u3000\u200B]*$/.test(node.value);
}
function visitProse(tree, callback) {
  const walk = (parent, ancestors) => {
    for (const child of parent.children) {
      if (child.type === "text") callback(child, [...ancestors, parent]);
      else if (child.type === "element" && !literalElements.has(child.tagName)) walk(child, [...ancestors, parent]);
    }
  };
  walk(tree, []);
}

// src/normalize/plugins/rehype-scope-ids.ts
var idReferences = ["headers", "ariaDescribedBy", "ariaLabelledBy", "ariaControls", "ariaOwns", "htmlFor"];
function rehypeScopeIds(options) {
  return (tree) => {
    const mapping = /* @__PURE__ */ new Map();
    const used = /* @__PURE__ */ new Set();
    const unique = (id) => {
      const base = `${options.prefix}-${asciiId(id) || "id"}`;
      let candidate = base;
      for (let n = 2; used.has(candidate); n++) candidate = `${base}-${n}`;
      used.add(candidate);
      return candidate;
    };
    visit(tree, "element", (node) => {
      const id = node.properties.id;
      if (typeof id !== "string" || id === "") {
        delete node.properties.id;
        return;
      }
      const scoped = unique(id);
      if (!mapping.has(id)) mapping.set(id, scoped);
      node.properties.id = scoped;
    });
    const lookup = (reference) => mapping.get(reference) ?? mapping.get(safeDecode(reference));
    visit(tree, "element", (node) => {
      for (const key of idReferences) {
        const value = node.properties[key];
        if (value === void 0 || value === null) continue;
        const references = (Array.isArray(value) ? value.map(String) : String(value).split(/\s+/)).filter(Boolean);
        const scoped = references.map((reference) => mapping.get(reference)).filter((id2) => id2 !== void 0);
        if (scoped.length) node.properties[key] = scoped;
        else delete node.properties[key];
      }
      const href = node.properties.href;
      if (node.tagName !== "a" || typeof href !== "string" || !href.startsWith("#") || href.length === 1) return;
      const id = lookup(href.slice(1));
      if (id) node.properties.href = `#${id}`;
      else delete node.properties.href;
    });
  };
}
function asciiId(text2) {
  return text2.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/[^A-Za-z0-9_-]+/g, "-").replace(/-{2,}/g, "-").replace(/^[-_]+|[-_]+$/g, "").toLowerCase();
}
function safeDecode(text2) {
  try {
    return decodeURIComponent(text2);
  } catch {
    return text2;
  }
}

// src/normalize/tracking-parameters.ts
var tracking = /^(?:utm_[a-z_]+|spm|spm_id_from|scm|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|twclid|igshid|igsh|mc_cid|mc_eid|_hsenc|_hsmi|mkt_tok|vd_source|share_source|share_medium|share_plat|share_session_id|share_tag|share_from|shareid|sharer_shareid|sharer_sharetime|isappinstalled|chksm|clicktime|enterid|ref_src|ref_url|wt_mc|xtor|s_cid|cmpid|ocid|sr_share|from_source)$/i;
var trackingFrom = /^(?:timeline|singlemessage|groupmessage|message|share|wechat|weixin|qq|weibo|appshare|copy_link)$/i;
function withoutTracking(href) {
  if (!/^https?:\/\//i.test(href) || !href.includes("?")) return href;
  let url;
  try {
    url = new URL(href);
  } catch {
    return href;
  }
  const keys = [...url.searchParams.keys()];
  const drop = keys.filter((key) => tracking.test(key) || key.toLowerCase() === "from" && trackingFrom.test(url.searchParams.get(key) ?? ""));
  if (drop.length === 0) return href;
  for (const key of drop) url.searchParams.delete(key);
  const question = href.indexOf("?");
  const base = href.slice(0, question);
  const [query = "", ...fragment] = href.slice(question + 1).split("#");
  const kept = query.split("&").filter((pair) => {
    const key = safeDecode2(pair.split("=")[0] ?? "");
    return pair !== "" && !drop.includes(key);
  });
  return `${base}${kept.length ? `?${kept.join("&")}` : ""}${fragment.length ? `#${fragment.join("#")}` : ""}`;
}
function safeDecode2(text2) {
  try {
    return decodeURIComponent(text2.replace(/\+/g, " "));
  } catch {
    return text2;
  }
}

// src/normalize/boilerplate-patterns.ts
var longestChrome = 80;
var counterWords = "\u9605\u8BFB|\u9605\u8BFB\u91CF|\u95B1\u8B80|\u6D4F\u89C8|\u6D4F\u89C8\u91CF|\u700F\u89BD|\u64AD\u653E|\u5728\u770B|\u70B9\u8D5E|\u9EDE\u8B9A|\u8D5E|\u8B9A|\u559C\u6B22|\u559C\u6B61|\u8BC4\u8BBA|\u8A55\u8AD6|\u7559\u8A00|\u6536\u85CF|\u5206\u4EAB|\u8F6C\u53D1|\u8F49\u767C|\u63A8\u8350|\u63A8\u85A6|notes?|comments?|likes?|shares?|reblogs?|views?|reads?|replies|retweets?|reposts?|favorites?|claps?|upvotes?";
var number = "\\d[\\d,.]*\\s*(?:[\u4E07\u842C\u5343kKwWmM]\\+?|\\+)?";
var counter = `(?:(?:${counterWords})\\s*[:\uFF1A]?\\s*${number}|${number}\\s*(?:[\u6761\u689D\u4E2A\u500B\u4EBA\u6B21]\\s*)?(?:${counterWords}))`;
var platforms = "\u5FAE\u4FE1|\u670B\u53CB\u5708|\u5FAE\u535A|\u65B0\u6D6A\u5FAE\u535A|QQ|QQ\u7A7A\u95F4|QQ\u7A7A\u9593|\u8C46\u74E3|\u77E5\u4E4E|Facebook|Twitter|X|LinkedIn|Weibo|WeChat|Email|E-mail|Copy link|\u590D\u5236\u94FE\u63A5|\u8907\u88FD\u9023\u7D50|Telegram|WhatsApp|Reddit|Pinterest|Tumblr";
var defaults = [
  ["read the original", /^(?:阅读原文|閱讀原文|查看原文|点击阅读原文|點擊閱讀原文|阅读全文|閱讀全文|展开全文|展開全文|(?:点击)?展开全文剩余内容|Read more|Continue reading|Read the full (?:story|article))\s*[>»›→]*$/i],
  ["follow prompt", /^(?:[▲△↑👆☝]\s*)?(?:点击|點擊|戳)(?:上方|下方|顶部|底部|上面|下面|頂部)?[^。！？.!?]{0,12}?(?:关注|關注|订阅|訂閱|星标|星標|设为星标|設為星標)[^。！？.!?]{0,16}$/u],
  ["scan prompt", /^(?:长按|長按|扫描|掃描|扫码|掃碼)(?:下方|上方|图中|圖中|图片|圖片)?(?:识别|識別)?(?:二维码|二維碼|小程序码|小程序碼)?[，,\s]*(?:即可|立即|马上|馬上)?(?:关注|關注|加入|下载|下載|添加|阅读|閱讀|订阅|訂閱|获取|獲取|进群|進群|购买|購買)[^。！？.!?]{0,12}$/u],
  ["counter", new RegExp(`^${counter}(?:\\s*[\xB7|/,\uFF0C\u3001]?\\s*${counter})*$`, "iu")],
  ["counter label", /^(?:阅读|閱讀|在看|点赞|點讚|评论|評論|留言|分享|转发|轉發|收藏|Link|Permalink|Share|Share this|Tweet|Reblog|Reply|Comments|Leave a (?:comment|reply))$/iu],
  ["share bar", new RegExp(`^(?:\u5206\u4EAB\u5230|\u5206\u4EAB\u81F3|\u5206\u4EAB|Share(?: this)?(?: on| to| via)?)\\s*[:\uFF1A]?\\s*(?:(?:${platforms})\\s*[|/\xB7\u3001,\uFF0C]?\\s*)*$`, "iu")],
  ["share buttons", new RegExp(`^(?:(?:${platforms})\\s*[|/\xB7\u3001,\uFF0C]?\\s*){2,}$`, "iu")],
  ["editor stamp", /^[（(【\[]?\s*(?:责任编辑|責任編輯|责编|責編|编辑|編輯|校对|校對|审核|審核)\s*[:：]\s*[\p{L}·・\s]{1,12}\s*[）)】\]]?$/u],
  ["wechat chrome", /^(?:预览时标签不可点|預覽時標籤不可點|微信扫一扫\s*关注该公众号|微信扫一扫\s*使用小程序|继续滑动看下一个|繼續滑動看下一個|向上滑动看下一个|轻点两下取消赞|轻点两下取消在看|分享\s*留言\s*收藏|视频\s*小程序\s*赞.*|原创\s*[:：]?\s*$|喜欢此内容的人还喜欢|喜歡此內容的人還喜歡|修改于\d{4}年\d{1,2}月\d{1,2}日)$/u],
  ["related links heading", /^(?:推荐阅读|推薦閱讀|相关阅读|相關閱讀|相关文章|相關文章|猜你喜欢|猜你喜歡|热门文章|熱門文章|往期回顾|往期回顧|往期推荐|往期推薦|Related (?:posts|articles|stories)|You (?:may|might) also like|More from .{1,30})\s*[:：]?$/iu],
  ["previous/next", /^(?:上一篇|下一篇|上一章|下一章|Previous (?:post|article|story)|Next (?:post|article|story))\s*[:：]?.{0,60}$/iu],
  ["back to top", /^(?:返回顶部|返回頂部|回到顶部|回到頂部|返回首页|返回首頁|返回搜狐，查看更多|Back to top)\s*[↑▲]?$/iu],
  ["advertisement", /^[【\[(（]?\s*(?:广告|廣告|推广|推廣|Advertisement|ADVERTISEMENT|Sponsored(?: content)?)\s*[】\])）]?$/iu],
  ["end mark", /^[-—–_=*·\s]+END[-—–_=*·\s]+$/u],
  ["copyright notice", /^(?:©|\(c\)|版权所有|版權所有|Copyright).{0,60}(?:All rights reserved\.?|版权所有|版權所有|保留所有权利|保留所有權利)$/iu],
  ["login prompt", /^(?:登录后参与评论|登錄後參與評論|登录\s*[/／]\s*注册|登入\s*[/／]\s*註冊|发表评论|發表評論|写评论|寫評論|写下你的评论.*|Sign in to comment|Log in to (?:comment|reply)|Subscribe(?: now)?|Sign up for (?:our|the) newsletter)$/iu]
];
function stripPatterns(config) {
  if (config === false) return [];
  const { defaults: useDefaults, patterns } = Array.isArray(config) ? { defaults: true, patterns: config } : config;
  const own2 = patterns.map(compileStripPattern);
  return [...useDefaults ? defaultStripPatterns() : [], ...own2];
}
function defaultStripPatterns() {
  return defaults.map(([name, regex]) => ({ source: `default: ${name}`, test: (text2) => regex.test(text2) }));
}
function compileStripPattern(entry) {
  const regex = /^\/(.*)\/([a-z]*)$/s.exec(entry);
  if (regex) {
    const flags = [...new Set(`${regex[2]}u`.replace(/[gy]/g, ""))].join("");
    const compiled = new RegExp(`^(?:${regex[1]})$`, flags);
    return { source: entry, test: (text2) => compiled.test(text2) };
  }
  const exact = normalizeChromeText(entry);
  return { source: entry, test: (text2) => text2 === exact };
}
function normalizeChromeText(text2) {
  return text2.replace(/[\s\u00A0\u3000\u200B\uFEFF]+/g, " ").trim();
}

// src/normalize/plugins/rehype-clean-whitespace.ts
var splittable = /* @__PURE__ */ new Set(["p", "div", "blockquote", "section", "article", "main", "aside", "li", "dd", "td", "th", "figcaption"]);
var droppableWhenEmpty = /* @__PURE__ */ new Set(["p", "div", "span", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "section", "article", "aside", "figure", "figcaption", "strong", "b", "em", "i", "u", "small", "ul", "ol", "dl", "sup", "sub", "font", "center"]);
function rehypeCleanWhitespace(_options = {}) {
  return (tree) => {
    clean(tree, /* @__PURE__ */ new WeakSet());
  };
}
function clean(parent, done) {
  if (parent.type === "element" && literalElements.has(parent.tagName)) return;
  for (let round = 0; round < 4; round++) {
    splitAtDoubleBreaks(parent, parent.type === "root" || splittable.has(parent.tagName));
    for (const child of parent.children) {
      if (child.type === "element" && !done.has(child)) clean(child, done);
    }
    let changed = false;
    const children2 = [];
    for (const child of parent.children) {
      if (child.type === "comment") {
        changed = true;
        continue;
      }
      if (child.type === "element") {
        if (isTextBlock(child)) trimBlock(child);
        if (isEmpty(child)) {
          if (phrasing.has(child.tagName)) children2.push(...child.children.filter((node) => node.type !== "comment"));
          changed = true;
          continue;
        }
      }
      children2.push(child);
    }
    parent.children = children2;
    if (!changed) break;
  }
  done.add(parent);
}
function isTextBlock(element2) {
  return element2.tagName === "p" || /^h[1-6]$/.test(element2.tagName) || ["li", "dt", "dd", "td", "th", "figcaption", "caption", "blockquote", "div"].includes(element2.tagName);
}
function isEmpty(element2) {
  if (!droppableWhenEmpty.has(element2.tagName)) return false;
  if (element2.properties.id !== void 0 && element2.tagName === "span") return false;
  return element2.children.every((child) => isWhitespaceText(child) || child.type === "element" && child.tagName === "br" || child.type === "comment");
}
function splitAtDoubleBreaks(parent, wrapLoose) {
  const children2 = parent.children;
  const hasDouble = hasDoubleBreak(children2);
  const expanded = [];
  for (const child of children2) {
    if (isElement(child, "p") && hasDoubleBreak(child.children)) {
      const pieces = splitRuns(child.children).map((run2, index) => {
        const { id, ...rest } = child.properties;
        return { ...child, properties: index === 0 && id !== void 0 ? { ...rest, id } : rest, children: run2 };
      });
      expanded.push(...pieces);
    } else expanded.push(child);
  }
  if (!wrapLoose || parent.type === "element" && parent.tagName === "p" || !hasDouble) {
    parent.children = expanded;
    return;
  }
  const result = [];
  let run = [];
  const flush = () => {
    for (const piece of splitRuns(run)) result.push({ type: "element", tagName: "p", properties: {}, children: piece });
    run = [];
  };
  for (const child of expanded) {
    if (isPhrasing(child)) run.push(child);
    else {
      flush();
      result.push(child);
    }
  }
  flush();
  parent.children = result;
}
function hasDoubleBreak(children2) {
  return children2.some((child, index) => isBr(child) && isBr(nextNonSpace(children2, index + 1)?.node));
}
function splitRuns(children2) {
  const pieces = [[]];
  for (let index = 0; index < children2.length; index++) {
    const child = children2[index];
    const next = nextNonSpace(children2, index + 1);
    if (isBr(child) && next && isBr(next.node)) {
      let end = next.index;
      while (true) {
        const further = nextNonSpace(children2, end + 1);
        if (further && isBr(further.node)) end = further.index;
        else break;
      }
      index = end;
      pieces.push([]);
      continue;
    }
    pieces.at(-1).push(child);
  }
  return pieces.filter((piece) => piece.some((node) => !isWhitespaceText(node) && !isBr(node)));
}
function nextNonSpace(children2, from) {
  for (let index = from; index < children2.length; index++) {
    const node = children2[index];
    if (!isWhitespaceText(node)) return { node, index };
  }
  return void 0;
}
function isBr(node) {
  return node?.type === "element" && node.tagName === "br";
}
function trimBlock(block) {
  const children2 = block.children;
  while (children2.length && (isBr(children2[0]) || isWhitespaceText(children2[0]))) children2.shift();
  while (children2.length && (isBr(children2.at(-1)) || isWhitespaceText(children2.at(-1)))) children2.pop();
  const first = firstText(block);
  if (first) first.value = first.value.replace(/^[\s\u00A0\u3000]+/u, "");
  const last = lastText(block);
  if (last) last.value = last.value.replace(/[\s\u00A0\u3000]+$/u, "");
  for (const child of children2) {
    if (child.type === "text") child.value = child.value.replace(/[ \t\u00A0]{2,}/g, (run) => run.includes("\xA0") ? " " : run);
  }
}
function firstText(element2) {
  const first = element2.children[0];
  if (!first) return void 0;
  if (first.type === "text") return first;
  if (first.type === "element" && !literalElements.has(first.tagName) && first.tagName !== "ruby" && first.tagName !== "img") return firstText(first);
  return void 0;
}
function lastText(element2) {
  const last = element2.children.at(-1);
  if (!last) return void 0;
  if (last.type === "text") return last;
  if (last.type === "element" && !literalElements.has(last.tagName) && last.tagName !== "ruby" && last.tagName !== "img") return lastText(last);
  return void 0;
}

// src/normalize/plugins/rehype-demote-headings.ts
var headingRank = (element2) => {
  const match = /^h([1-6])$/.exec(element2.tagName);
  return match ? Number(match[1]) : void 0;
};
var normalized = (text2) => text2.replace(/[\s\u3000]+/g, " ").trim();
function rehypeDemoteHeadings(options) {
  return (tree) => {
    const headings = [];
    visit(tree, "element", (node) => {
      if (headingRank(node) !== void 0) headings.push(node);
    });
    const first = headings[0];
    if (first && headingRank(first) === 1 && normalized(toString(first)) === normalized(options.title)) {
      visit(tree, "element", (node, index, parent) => {
        if (node === first && parent && index !== void 0) {
          parent.children.splice(index, 1);
          return [SKIP, index];
        }
        return void 0;
      });
      headings.shift();
    }
    const ranks = [...new Set(headings.map((heading) => headingRank(heading)))].sort((a, b) => a - b);
    for (const heading of headings) {
      heading.tagName = `h${Math.min(6, 2 + ranks.indexOf(headingRank(heading)))}`;
    }
  };
}

// src/normalize/plugins/rehype-epub-footnotes.ts
function rehypeEpubFootnotes(options) {
  return (tree) => {
    const noteIds = /* @__PURE__ */ new Set();
    visit(tree, "element", (node) => {
      if (node.tagName !== "section" || node.properties.dataFootnotes === void 0) return;
      for (const item of footnoteItems(node)) noteIds.add(String(item.properties.id));
    });
    const numbers = /* @__PURE__ */ new Map();
    const firstRefs = /* @__PURE__ */ new Map();
    visit(tree, "element", (node, index, parent) => {
      if (node.tagName !== "a" || node.properties.dataFootnoteRef === void 0) return void 0;
      const href = typeof node.properties.href === "string" ? node.properties.href : "";
      const target = href.startsWith("#") ? href.slice(1) : "";
      if (!noteIds.has(target)) {
        if (!parent || index === void 0) return void 0;
        parent.children.splice(index, 1, ...node.children);
        return [SKIP, index];
      }
      const label = textOf(node);
      if (!numbers.has(target)) numbers.set(target, label);
      const id = typeof node.properties.id === "string" && node.properties.id ? node.properties.id : void 0;
      if (id && !firstRefs.has(target)) firstRefs.set(target, id);
      node.properties = {
        href,
        ...id ? { id } : {},
        "epub:type": "noteref",
        role: "doc-noteref",
        ariaLabel: options.noteRefLabel(label),
        className: ["noteref"]
      };
      return void 0;
    });
    visit(tree, "element", (node, index, parent) => {
      if (node.tagName !== "section" || node.properties.dataFootnotes === void 0 || !parent || index === void 0) return void 0;
      const items = footnoteItems(node);
      const notes = items.map((item, position2) => {
        const id = String(item.properties.id);
        const back = firstRefs.get(id);
        return toAside(item, numbers.get(id) ?? String(position2 + 1), back ? `#${back}` : void 0, options);
      });
      const section = h("section", { className: ["footnotes"], "epub:type": "footnotes" }, [h("p", { className: ["footnotes-title"] }, options.notesLabel), ...notes]);
      parent.children.splice(index, 1, section);
      return [SKIP, index + 1];
    });
  };
}
function footnoteItems(section) {
  const items = [];
  visit(section, "element", (item) => {
    if (item.tagName === "li" && typeof item.properties.id === "string" && item.properties.id) {
      items.push(item);
      return SKIP;
    }
    return void 0;
  });
  return items;
}
function toAside(item, number2, fallbackHref, options) {
  let backHref;
  const content = stripBackrefs(item.children, (href2) => {
    backHref ??= href2;
  });
  const blocks = content.some((child) => child.type === "element" && !isPhrasing(child)) ? content : [h("p", content)];
  const firstBlock = blocks.find((child) => child.type === "element");
  const firstParagraph = isElement(firstBlock, "p") ? firstBlock : void 0;
  const href = backHref || fallbackHref;
  const marker = h("a", { ...href ? { href } : {}, role: "doc-backlink", ariaLabel: options.backLabel(number2), className: ["footnote-number"] }, number2);
  if (firstParagraph) firstParagraph.children.unshift(marker, { type: "text", value: " " });
  else blocks.unshift(h("p", [marker]));
  return h("aside", { id: item.properties.id, "epub:type": "footnote", role: "doc-footnote", className: ["footnote"] }, blocks);
}
function stripBackrefs(children2, found) {
  const result = [];
  for (const child of children2) {
    if (child.type === "element" && child.tagName === "a" && child.properties.dataFootnoteBackref !== void 0) {
      found(String(child.properties.href ?? ""));
      const previous = result.at(-1);
      if (previous?.type === "text") previous.value = previous.value.replace(/\s+$/, "");
      continue;
    }
    if (child.type === "element") child.children = stripBackrefs(child.children, found);
    if (child.type === "text" && /^\s*$/.test(child.value) && result.length === 0) continue;
    result.push(child);
  }
  return result;
}
function textOf(node) {
  return node.children.map((child) => child.type === "text" ? child.value : child.type === "element" ? textOf(child) : "").join("");
}

// src/normalize/plugins/rehype-heading-ids.ts
function rehypeHeadingIds(options) {
  return (tree) => {
    const used = /* @__PURE__ */ new Set();
    visit(tree, "element", (node) => {
      if (typeof node.properties.id === "string") used.add(node.properties.id);
    });
    let position2 = 0;
    visit(tree, "element", (node) => {
      if (!/^h[1-6]$/.test(node.tagName)) return;
      position2++;
      if (typeof node.properties.id === "string" && node.properties.id) return;
      const slug = asciiId(toString(node)).slice(0, 48).replace(/-+$/, "");
      const base = `${options.prefix}-${/[a-z0-9]/.test(slug) ? slug : `s${position2}`}`;
      let id = base;
      for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
      used.add(id);
      node.properties.id = id;
    });
  };
}

// src/normalize/plugins/rehype-join-cjk-lines.ts
function rehypeJoinCjkLines(_options = {}) {
  return (tree) => {
    join(tree, void 0, void 0);
  };
}
function join(parent, before, after) {
  const children2 = parent.children;
  children2.forEach((child, index) => {
    if (child.type === "element") {
      if (literalElements.has(child.tagName)) return;
      if (phrasing.has(child.tagName)) join(child, lastChar(children2, index - 1, before), firstChar(children2, index + 1, after));
      else join(child, void 0, void 0);
      return;
    }
    if (child.type !== "text" || !/[\s\u00A0]/.test(child.value)) return;
    child.value = joinLines(child, lastChar(children2, index - 1, before), firstChar(children2, index + 1, after));
  });
}
function joinLines(node, before, after) {
  const text2 = node.value;
  return text2.replace(/[ \t\u00A0\r\n]+/g, (match, offset) => {
    const previous = offset > 0 ? [...text2.slice(0, offset)].at(-1) : before;
    const next = offset + match.length < text2.length ? [...text2.slice(offset + match.length)][0] : after;
    const newline = match.includes("\n");
    if (offset + match.length === text2.length && next !== void 0 && /[\s\u00A0]/.test(next)) return "";
    if (previous === void 0 || next === void 0) return newline ? "" : match;
    if (newline) return isCjk(previous) && isCjk(next) ? "" : " ";
    return isCjk(previous) && isCjk(next) && (isFullWidthPunctuation(previous) || isFullWidthPunctuation(next)) ? "" : match;
  });
}
function lastChar(children2, index, outside) {
  for (let i = index; i >= 0; i--) {
    const child = children2[i];
    if (isBlock(child)) return void 0;
    const text2 = visibleText(child);
    if (text2) return [...text2].at(-1);
  }
  return outside;
}
function firstChar(children2, index, outside) {
  for (let i = index; i < children2.length; i++) {
    const child = children2[i];
    if (isBlock(child)) return void 0;
    const text2 = visibleText(child);
    if (text2) return [...text2][0];
  }
  return outside;
}
function isBlock(node) {
  return node.type === "element" && !phrasing.has(node.tagName);
}
function visibleText(node) {
  if (node.type === "text") return node.value;
  if (node.type !== "element" || node.tagName === "rt" || node.tagName === "rp") return "";
  return node.children.map(visibleText).join("");
}

// src/normalize/plugins/rehype-resolve-images.ts
import { createHash } from "node:crypto";
import { readFileSync, realpathSync, statSync } from "node:fs";
import path from "node:path";

// src/book/media-types.ts
var coreImageTypes = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/gif": "gif"
};
function sniffImageType(bytes) {
  const at = (offset, ...values2) => values2.every((value, i) => bytes[offset + i] === value);
  const ascii = (offset, text2) => at(offset, ...[...text2].map((c) => c.charCodeAt(0)));
  if (at(0, 137, 80, 78, 71, 13, 10, 26, 10)) return "image/png";
  if (at(0, 255, 216, 255)) return "image/jpeg";
  if (ascii(0, "GIF87a") || ascii(0, "GIF89a")) return "image/gif";
  if (ascii(0, "RIFF") && ascii(8, "WEBP")) return "image/webp";
  if (ascii(4, "ftyp") && (ascii(8, "avif") || ascii(8, "avis"))) return "image/avif";
  if (ascii(4, "ftyp") && (ascii(8, "heic") || ascii(8, "heix") || ascii(8, "mif1"))) return "image/heic";
  if (at(0, 66, 77)) return "image/bmp";
  if (at(0, 73, 73, 42, 0) || at(0, 77, 77, 0, 42)) return "image/tiff";
  const head = new TextDecoder().decode(bytes.subarray(0, 512)).trimStart();
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(head)) return "image/svg+xml";
  return void 0;
}
function isCoreImageType(type) {
  return type !== void 0 && type in coreImageTypes;
}
function imageSize(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const type = sniffImageType(bytes);
  if (type === "image/png" && bytes.length >= 24) return { width: view.getUint32(16), height: view.getUint32(20) };
  if (type === "image/gif" && bytes.length >= 10) return { width: view.getUint16(6, true), height: view.getUint16(8, true) };
  if (type === "image/jpeg") {
    let offset = 2;
    while (offset + 9 < bytes.length) {
      if (bytes[offset] !== 255) return void 0;
      const marker = bytes[offset + 1];
      const length = view.getUint16(offset + 2);
      if (marker >= 192 && marker <= 207 && marker !== 196 && marker !== 200 && marker !== 204) {
        return { width: view.getUint16(offset + 7), height: view.getUint16(offset + 5) };
      }
      offset += 2 + length;
    }
  }
  return void 0;
}

// src/normalize/image-conversion.ts
var convertible = /* @__PURE__ */ new Set(["image/webp", "image/avif", "image/heic", "image/tiff"]);
var names = { "image/webp": "WebP", "image/avif": "AVIF", "image/heic": "HEIC", "image/tiff": "TIFF", "image/gif": "GIF", "image/png": "PNG", "image/jpeg": "JPEG" };
async function prepareImage(bytes, maxDimension) {
  const type = sniffImageType(bytes);
  if (isCoreImageType(type)) {
    const size = imageSize(bytes);
    const fits = !size || maxDimension <= 0 || Math.max(size.width, size.height) <= maxDimension;
    const passes = fits && (type !== "image/gif" || !isAnimatedGif(bytes));
    if (passes) {
      const damage = await decodeProblem(bytes);
      if (damage) return { problem: `damaged ${names[type] ?? type} image (${damage}); the image is left out \u2014 save it again from the original` };
      return { data: bytes, mediaType: type, ...size ?? {} };
    }
  } else if (!type || !convertible.has(type)) {
    return { problem: `image format ${type ?? "unknown"} is not supported by e-readers; convert it to PNG or JPEG` };
  }
  try {
    return await convert(bytes, type, maxDimension);
  } catch (error) {
    return { problem: `${names[type] ?? type} image could not be converted (${error.message.split("\n")[0]}); convert it to PNG or JPEG` };
  }
}
async function decodeProblem(bytes) {
  const { default: sharp } = await import("sharp");
  try {
    await sharp(bytes, { failOn: "truncated", limitInputPixels: 1e8 }).stats();
    return void 0;
  } catch (error) {
    return error.message.split("\n")[0];
  }
}
async function convert(bytes, type, maxDimension) {
  const { default: sharp } = await import("sharp");
  const input = sharp(bytes, { animated: false, limitInputPixels: 1e8 });
  const meta = await input.metadata();
  let pipeline = input.rotate();
  const width = meta.autoOrient?.width ?? meta.width ?? 0;
  const height = meta.autoOrient?.height ?? meta.height ?? 0;
  const scaled = maxDimension > 0 && Math.max(width, height) > maxDimension;
  if (scaled) pipeline = pipeline.resize({ width: maxDimension, height: maxDimension, fit: "inside", withoutEnlargement: true });
  const keepJpeg = type === "image/jpeg";
  const toPng = !keepJpeg && (type === "image/png" || type === "image/gif" || meta.hasAlpha === true);
  const { data, info } = toPng ? await pipeline.png({ compressionLevel: 9 }).toBuffer({ resolveWithObject: true }) : await pipeline.jpeg({ quality: 85, mozjpeg: true }).toBuffer({ resolveWithObject: true });
  const mediaType = toPng ? "image/png" : "image/jpeg";
  const animated = type === "image/gif" && (meta.pages ?? 1) > 1;
  const what = animated ? "animated GIF: first frame kept as PNG" : type === mediaType ? names[type] : `${names[type]} converted to ${names[mediaType]}`;
  const note = `${what}${scaled ? `, scaled from ${width}\xD7${height} to ${info.width}\xD7${info.height}` : ""}`;
  return { data: new Uint8Array(data), mediaType, width: info.width, height: info.height, note };
}
function isAnimatedGif(bytes) {
  let offset = 13;
  const flags = bytes[10] ?? 0;
  if (flags & 128) offset += 3 * (1 << (flags & 7) + 1);
  let frames = 0;
  while (offset < bytes.length) {
    const block = bytes[offset];
    if (block === 59) break;
    if (block === 33) {
      offset += 2;
      offset = skipSubBlocks(bytes, offset);
    } else if (block === 44) {
      frames++;
      if (frames > 1) return true;
      const local = bytes[offset + 9] ?? 0;
      offset += 10;
      if (local & 128) offset += 3 * (1 << (local & 7) + 1);
      offset += 1;
      offset = skipSubBlocks(bytes, offset);
    } else return false;
  }
  return false;
}
function skipSubBlocks(bytes, offset) {
  let at = offset;
  while (at < bytes.length) {
    const size = bytes[at];
    at += 1;
    if (size === 0) break;
    at += size;
  }
  return at;
}

// src/normalize/plugins/rehype-resolve-images.ts
var lazyAttributes = ["dataSrc", "dataOriginal", "dataLazySrc", "dataActualsrc", "dataLazyload", "dataOriginalSrc"];
function rehypeResolveImages(options) {
  const maxBytes = options.maxBytes ?? 20 * 1024 * 1024;
  const maxDimension = options.maxDimension ?? 1600;
  return async (tree, file) => {
    const images = /* @__PURE__ */ new Map();
    const found = [];
    visit(tree, "element", (node, index, parent) => {
      if (node.tagName === "picture" && parent && index !== void 0) {
        const img = node.children.find((child) => child.type === "element" && child.tagName === "img");
        parent.children.splice(index, 1, ...img ? [img] : []);
        return [SKIP, index];
      }
      if (node.tagName === "img" && parent) found.push({ node, parent });
      return void 0;
    });
    for (const { node, parent } of found) {
      const alt = String(node.properties.alt ?? "").trim();
      const src = pickSource(node);
      const result = src ? await resolve(src, file, { ...options, maxBytes, maxDimension }) : { problem: "an image has no src" };
      if ("asset" in result) {
        const asset = images.get(result.asset.href) ?? result.asset;
        images.set(asset.href, asset);
        node.properties = { src: asset.href, alt, ...node.properties.title ? { title: node.properties.title } : {} };
        if (asset.width && asset.height) Object.assign(node.properties, { width: asset.width, height: asset.height });
        if (result.note) file.info(result.note, { place: node.position, ruleId: "image", source: "wenji" });
        continue;
      }
      file.message(result.problem, { place: node.position, ruleId: "image", source: "wenji" });
      const caption = parent.type === "element" && parent.tagName === "figure" ? figureCaption(parent) : "";
      const replacement = caption && (!alt || caption.includes(alt)) ? [] : [h("span", { className: ["image-unavailable"] }, options.unavailable(alt))];
      const index = parent.children.indexOf(node);
      if (index !== -1) parent.children.splice(index, 1, ...replacement);
    }
    file.data.images = [...images.values()];
  };
}
function pickSource(node) {
  const src = typeof node.properties.src === "string" ? node.properties.src.trim() : "";
  const lazy = lazyAttributes.map((name) => node.properties[name]).find((value) => typeof value === "string" && value.trim() !== "");
  if (lazy && (!src || src.startsWith("data:") || /placeholder|blank|lazy|loading|spacer/i.test(src))) return lazy.trim();
  if (src) return src;
  const srcSet = node.properties.srcSet;
  const candidates2 = Array.isArray(srcSet) ? srcSet.map(String) : typeof srcSet === "string" ? srcSet.split(/,\s+/) : [];
  const last = candidates2.at(-1)?.trim().split(/\s+/)[0];
  return last || void 0;
}
async function resolve(src, file, settings) {
  if (/^data:/i.test(src)) {
    const decoded = fromDataUrl(src, settings.maxBytes);
    return "problem" in decoded ? decoded : packaged(decoded.bytes, "data:", "a data: image", settings);
  }
  if (/^(https?:)?\/\//i.test(src)) {
    if (!settings.fetchRemote) return { problem: `remote image not fetched: ${src} (save a local copy next to the article and link to it, or build with --fetch-images)` };
    const url = src.startsWith("//") ? `https:${src}` : src;
    const fetched = await settings.fetchRemote(url);
    if ("problem" in fetched) return { problem: `remote image not included: ${src} (${fetched.problem})` };
    const result = await packaged(fetched.bytes, url, src, settings);
    return "asset" in result ? { asset: result.asset, note: result.note ? `downloaded; ${result.note}` : `downloaded: ${src}` } : result;
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(src)) return { problem: `image with an unsupported address skipped: ${src.slice(0, 80)}` };
  const local = readLocal(src, file, settings.maxBytes);
  return "problem" in local ? local : packaged(local.bytes, local.source, src, settings);
}
function readLocal(src, file, maxBytes) {
  const root2 = file.data.contentRoot;
  const article = file.data.absolutePath;
  if (!root2 || !article) return { problem: `image not packaged: ${src} (the article has no folder on disk)` };
  let relative = src.replace(/[?#].*$/, "");
  try {
    relative = decodeURIComponent(relative);
  } catch {
  }
  const target = path.resolve(path.dirname(article), relative);
  let real;
  try {
    real = realpathSync(target);
  } catch {
    return { problem: `image not found: ${src}` };
  }
  const rootReal = realpathSync(root2);
  const inside = path.relative(rootReal, real);
  if (inside === ".." || inside.startsWith(`..${path.sep}`) || path.isAbsolute(inside)) return { problem: `image outside the content folder not included: ${src}` };
  try {
    const stat = statSync(real);
    if (!stat.isFile()) return { problem: `image path is not a file: ${src}` };
    if (stat.size > maxBytes) return { problem: `image larger than ${Math.round(maxBytes / 1048576)} MB skipped: ${src}` };
    return { bytes: readFileSync(real), source: inside.split(path.sep).join("/") };
  } catch (error) {
    return { problem: `image not readable: ${src} (${error.code ?? String(error)})` };
  }
}
function fromDataUrl(src, maxBytes) {
  const match = /^data:([^;,]*)((?:;[^;,]*)*?)(;base64)?,(.*)$/is.exec(src);
  if (!match) return { problem: "malformed data: image skipped" };
  const payload = match[4] ?? "";
  const bytes = match[3] ? Buffer.from(payload, "base64") : percentDecode(payload);
  if (bytes.length > maxBytes) return { problem: "data: image too large, skipped" };
  if (bytes.length < 100 && /gif/i.test(match[1] ?? "")) return { problem: "placeholder data: image (a tracking or spacer pixel) dropped" };
  return { bytes };
}
function percentDecode(text2) {
  return Buffer.concat(text2.split(/(%[\da-f]{2})/i).map((part) => /^%[\da-f]{2}$/i.test(part) ? Buffer.from([Number.parseInt(part.slice(1), 16)]) : Buffer.from(part, "utf8")));
}
async function packaged(bytes, source, shown, settings) {
  const key = createHash("sha256").update(bytes).digest("hex");
  let preparation = settings.cache?.get(key);
  if (!preparation) {
    preparation = prepareImage(bytes, settings.maxDimension);
    settings.cache?.set(key, preparation);
  }
  const prepared = await preparation;
  if ("problem" in prepared) return { problem: `${prepared.problem}: ${shown}` };
  const hash = createHash("sha256").update(prepared.data).digest("hex").slice(0, 16);
  const asset = { href: `images/${hash}.${coreImageTypes[prepared.mediaType]}`, mediaType: prepared.mediaType, data: prepared.data, source };
  if (prepared.width && prepared.height) Object.assign(asset, { width: prepared.width, height: prepared.height });
  return prepared.note ? { asset, note: `${prepared.note}: ${shown}` } : { asset };
}
function figureCaption(figure) {
  const caption = figure.children.find((child) => child.type === "element" && child.tagName === "figcaption");
  return caption ? toString(caption).trim() : "";
}

// node_modules/hast-util-sanitize/lib/schema.js
var aria = ["ariaDescribedBy", "ariaLabel", "ariaLabelledBy"];
var defaultSchema = {
  ancestors: {
    tbody: ["table"],
    td: ["table"],
    th: ["table"],
    thead: ["table"],
    tfoot: ["table"],
    tr: ["table"]
  },
  attributes: {
    a: [
      ...aria,
      // Note: these 3 are used by GFM footnotes, they do work on all links.
      "dataFootnoteBackref",
      "dataFootnoteRef",
      ["className", "data-footnote-backref"],
      "href"
    ],
    blockquote: ["cite"],
    // Note: this class is not normally allowed by GH, when manually writing
    // `code` as HTML in markdown, they adds it some other way.
    // We can’t do that, so we have to allow it.
    code: [["className", /^language-./]],
    del: ["cite"],
    div: ["itemScope", "itemType"],
    dl: [...aria],
    // Note: this is used by GFM footnotes.
    h2: [["className", "sr-only"]],
    img: [...aria, "longDesc", "src"],
    // Note: `input` is not normally allowed by GH, when manually writing
    // it in markdown, they add it from tasklists some other way.
    // We can’t do that, so we have to allow it.
    input: [
      ["disabled", true],
      ["type", "checkbox"]
    ],
    ins: ["cite"],
    // Note: this class is not normally allowed by GH, when manually writing
    // `li` as HTML in markdown, they adds it some other way.
    // We can’t do that, so we have to allow it.
    li: [["className", "task-list-item"]],
    // Note: this class is not normally allowed by GH, when manually writing
    // `ol` as HTML in markdown, they adds it some other way.
    // We can’t do that, so we have to allow it.
    ol: [...aria, ["className", "contains-task-list"]],
    q: ["cite"],
    section: ["dataFootnotes", ["className", "footnotes"]],
    source: ["srcSet"],
    summary: [...aria],
    table: [...aria],
    // Note: this class is not normally allowed by GH, when manually writing
    // `ol` as HTML in markdown, they adds it some other way.
    // We can’t do that, so we have to allow it.
    ul: [...aria, ["className", "contains-task-list"]],
    "*": [
      "abbr",
      "accept",
      "acceptCharset",
      "accessKey",
      "action",
      "align",
      "alt",
      "axis",
      "border",
      "cellPadding",
      "cellSpacing",
      "char",
      "charOff",
      "charSet",
      "checked",
      "clear",
      "colSpan",
      "color",
      "cols",
      "compact",
      "coords",
      "dateTime",
      "dir",
      // Note: `disabled` is technically allowed on all elements by GH.
      // But it is useless on everything except `input`.
      // Because `input`s are normally not allowed, but we allow them for
      // checkboxes due to tasklists, we allow `disabled` only there.
      "encType",
      "frame",
      "hSpace",
      "headers",
      "height",
      "hrefLang",
      "htmlFor",
      "id",
      "isMap",
      "itemProp",
      "label",
      "lang",
      "maxLength",
      "media",
      "method",
      "multiple",
      "name",
      "noHref",
      "noShade",
      "noWrap",
      "open",
      "prompt",
      "readOnly",
      "rev",
      "rowSpan",
      "rows",
      "rules",
      "scope",
      "selected",
      "shape",
      "size",
      "span",
      "start",
      "summary",
      "tabIndex",
      "title",
      "useMap",
      "vAlign",
      "value",
      "width"
    ]
  },
  clobber: ["ariaDescribedBy", "ariaLabelledBy", "id", "name"],
  clobberPrefix: "user-content-",
  protocols: {
    cite: ["http", "https"],
    href: ["http", "https", "irc", "ircs", "mailto", "xmpp"],
    longDesc: ["http", "https"],
    src: ["http", "https"]
  },
  required: {
    input: { disabled: true, type: "checkbox" }
  },
  strip: ["script"],
  tagNames: [
    "a",
    "b",
    "blockquote",
    "br",
    "code",
    "dd",
    "del",
    "details",
    "div",
    "dl",
    "dt",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    // Note: `input` is not normally allowed by GH, when manually writing
    // it in markdown, they add it from tasklists some other way.
    // We can’t do that, so we have to allow it.
    "input",
    "ins",
    "kbd",
    "li",
    "ol",
    "p",
    "picture",
    "pre",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "section",
    "source",
    "span",
    "strike",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "tt",
    "ul",
    "var"
  ]
};

// node_modules/hast-util-sanitize/lib/index.js
var own = {}.hasOwnProperty;
function sanitize(node, options) {
  let result = { type: "root", children: [] };
  const state = {
    schema: options ? { ...defaultSchema, ...options } : defaultSchema,
    stack: []
  };
  const replace = transform(state, node);
  if (replace) {
    if (Array.isArray(replace)) {
      if (replace.length === 1) {
        result = replace[0];
      } else {
        result.children = replace;
      }
    } else {
      result = replace;
    }
  }
  return result;
}
function transform(state, node) {
  if (node && typeof node === "object") {
    const unsafe = (
      /** @type {Record<string, Readonly<unknown>>} */
      node
    );
    const type = typeof unsafe.type === "string" ? unsafe.type : "";
    switch (type) {
      case "comment": {
        return comment(state, unsafe);
      }
      case "doctype": {
        return doctype(state, unsafe);
      }
      case "element": {
        return element(state, unsafe);
      }
      case "root": {
        return root(state, unsafe);
      }
      case "text": {
        return text(state, unsafe);
      }
      default:
    }
  }
}
function comment(state, unsafe) {
  if (state.schema.allowComments) {
    const result = typeof unsafe.value === "string" ? unsafe.value : "";
    const index = result.indexOf("-->");
    const value = index < 0 ? result : result.slice(0, index);
    const node = { type: "comment", value };
    patch(node, unsafe);
    return node;
  }
}
function doctype(state, unsafe) {
  if (state.schema.allowDoctypes) {
    const node = { type: "doctype" };
    patch(node, unsafe);
    return node;
  }
}
function element(state, unsafe) {
  const name = typeof unsafe.tagName === "string" ? unsafe.tagName : "";
  state.stack.push(name);
  const content = (
    /** @type {Array<ElementContent>} */
    children(state, unsafe.children)
  );
  const properties_ = properties(state, unsafe.properties);
  state.stack.pop();
  let safeElement = false;
  if (name && name !== "*" && (!state.schema.tagNames || state.schema.tagNames.includes(name))) {
    safeElement = true;
    if (state.schema.ancestors && own.call(state.schema.ancestors, name)) {
      const ancestors = state.schema.ancestors[name];
      let index = -1;
      safeElement = false;
      while (++index < ancestors.length) {
        if (state.stack.includes(ancestors[index])) {
          safeElement = true;
        }
      }
    }
  }
  if (!safeElement) {
    return state.schema.strip && !state.schema.strip.includes(name) ? content : void 0;
  }
  const node = {
    type: "element",
    tagName: name,
    properties: properties_,
    children: content
  };
  patch(node, unsafe);
  return node;
}
function root(state, unsafe) {
  const content = (
    /** @type {Array<RootContent>} */
    children(state, unsafe.children)
  );
  const node = { type: "root", children: content };
  patch(node, unsafe);
  return node;
}
function text(_, unsafe) {
  const value = typeof unsafe.value === "string" ? unsafe.value : "";
  const node = { type: "text", value };
  patch(node, unsafe);
  return node;
}
function children(state, children2) {
  const results = [];
  if (Array.isArray(children2)) {
    const childrenUnknown = (
      /** @type {Array<Readonly<unknown>>} */
      children2
    );
    let index = -1;
    while (++index < childrenUnknown.length) {
      const value = transform(state, childrenUnknown[index]);
      if (value) {
        if (Array.isArray(value)) {
          results.push(...value);
        } else {
          results.push(value);
        }
      }
    }
  }
  return results;
}
function properties(state, properties2) {
  const tagName = state.stack[state.stack.length - 1];
  const attributes = state.schema.attributes;
  const required = state.schema.required;
  const specific = attributes && own.call(attributes, tagName) ? attributes[tagName] : void 0;
  const defaults2 = attributes && own.call(attributes, "*") ? attributes["*"] : void 0;
  const properties_ = (
    /** @type {Readonly<Record<string, Readonly<unknown>>>} */
    properties2 && typeof properties2 === "object" ? properties2 : {}
  );
  const result = {};
  let key;
  for (key in properties_) {
    if (own.call(properties_, key)) {
      const unsafe = properties_[key];
      let safe = propertyValue(
        state,
        findDefinition(specific, key),
        key,
        unsafe
      );
      if (safe === null || safe === void 0) {
        safe = propertyValue(state, findDefinition(defaults2, key), key, unsafe);
      }
      if (safe !== null && safe !== void 0) {
        result[key] = safe;
      }
    }
  }
  if (required && own.call(required, tagName)) {
    const properties3 = required[tagName];
    for (key in properties3) {
      if (own.call(properties3, key) && !own.call(result, key)) {
        result[key] = properties3[key];
      }
    }
  }
  return result;
}
function propertyValue(state, definition, key, value) {
  return definition ? Array.isArray(value) ? propertyValueMany(state, definition, key, value) : propertyValuePrimitive(state, definition, key, value) : void 0;
}
function propertyValueMany(state, definition, key, values2) {
  let index = -1;
  const result = [];
  while (++index < values2.length) {
    const value = propertyValuePrimitive(state, definition, key, values2[index]);
    if (typeof value === "number" || typeof value === "string") {
      result.push(value);
    }
  }
  return result;
}
function propertyValuePrimitive(state, definition, key, value) {
  if (typeof value !== "boolean" && typeof value !== "number" && typeof value !== "string") {
    return;
  }
  if (!safeProtocol(state, key, value)) {
    return;
  }
  if (typeof definition === "object" && definition.length > 1) {
    let ok = false;
    let index = 0;
    while (++index < definition.length) {
      const allowed = definition[index];
      if (allowed && typeof allowed === "object" && "flags" in allowed) {
        if (allowed.test(String(value))) {
          ok = true;
          break;
        }
      } else if (allowed === value) {
        ok = true;
        break;
      }
    }
    if (!ok) return;
  }
  return state.schema.clobber && state.schema.clobberPrefix && state.schema.clobber.includes(key) ? state.schema.clobberPrefix + value : value;
}
function safeProtocol(state, key, value) {
  const protocols = state.schema.protocols && own.call(state.schema.protocols, key) ? state.schema.protocols[key] : void 0;
  if (!protocols || protocols.length === 0) {
    return true;
  }
  const url = String(value);
  const colon = url.indexOf(":");
  const questionMark = url.indexOf("?");
  const numberSign = url.indexOf("#");
  const slash = url.indexOf("/");
  if (colon < 0 || // If the first colon is after a `?`, `#`, or `/`, it’s not a protocol.
  slash > -1 && colon > slash || questionMark > -1 && colon > questionMark || numberSign > -1 && colon > numberSign) {
    return true;
  }
  let index = -1;
  while (++index < protocols.length) {
    const protocol = protocols[index];
    if (colon === protocol.length && url.slice(0, protocol.length) === protocol) {
      return true;
    }
  }
  return false;
}
function patch(node, unsafe) {
  const cleanPosition = position(
    // @ts-expect-error: looks like a node.
    unsafe
  );
  if (unsafe.data) {
    node.data = esm_default(unsafe.data);
  }
  if (cleanPosition) node.position = cleanPosition;
}
function findDefinition(definitions, key) {
  let dataDefault;
  let index = -1;
  if (definitions) {
    while (++index < definitions.length) {
      const entry = definitions[index];
      const name = typeof entry === "string" ? entry : entry[0];
      if (name === key) {
        return entry;
      }
      if (name === "data*") dataDefault = entry;
    }
  }
  if (key.length > 4 && key.slice(0, 4).toLowerCase() === "data") {
    return dataDefault;
  }
}

// node_modules/rehype-sanitize/lib/index.js
function rehypeSanitize(options) {
  return function(tree) {
    const result = (
      /** @type {Root} */
      sanitize(tree, options)
    );
    return result;
  };
}

// src/normalize/plugins/rehype-sanitize-article.ts
var keep = (defaultSchema.tagNames ?? []).filter((name) => !["input", "details", "summary", "picture", "source"].includes(name));
function articleSchema(options = {}) {
  const attributes = defaultSchema.attributes ?? {};
  return {
    ...defaultSchema,
    tagNames: [
      ...keep,
      "figure",
      "figcaption",
      "aside",
      "cite",
      "abbr",
      "small",
      "mark",
      "time",
      "u",
      "caption",
      "col",
      "colgroup",
      "dfn",
      "bdi",
      "bdo",
      "wbr",
      "picture",
      "source",
      ...options.allowTags ?? []
    ],
    strip: ["script", "style", "iframe", "object", "embed", "noscript", "template", "form", "select", "textarea", "button", "svg", "math", "canvas", "video", "audio", "map", "head", "title", "nav"],
    clobber: [],
    clobberPrefix: "",
    attributes: {
      ...attributes,
      "*": ["id", "lang", "dir", "title", "align", "abbr", "dateTime", "colSpan", "rowSpan", "scope", "headers", "start", "reversed", "value", "cite"],
      a: [...attributes.a ?? [], "title"],
      img: ["src", "alt", "title", "width", "height", "dataSrc", "dataOriginal", "dataLazySrc", "dataActualsrc", "dataLazyload", "dataOriginalSrc", "srcSet"],
      source: ["srcSet", "type"],
      ol: [...attributes.ol ?? [], "start", "reversed", "type"],
      section: ["dataFootnotes", ["className", "footnotes"]],
      code: [["className", /^language-[\w+-]+$/]],
      h2: [["className", "sr-only"]],
      li: [],
      ul: []
    },
    protocols: {
      href: ["http", "https", "mailto"],
      cite: ["http", "https"],
      src: ["http", "https", "data"],
      dataSrc: ["http", "https", "data"],
      dataOriginal: ["http", "https", "data"],
      dataLazySrc: ["http", "https", "data"],
      dataActualsrc: ["http", "https", "data"],
      dataLazyload: ["http", "https", "data"],
      dataOriginalSrc: ["http", "https", "data"],
      longDesc: []
    },
    required: {}
  };
}
var urlProperties = ["href", "src", "cite", "dataSrc", "dataOriginal", "dataLazySrc", "dataActualsrc", "dataLazyload", "dataOriginalSrc"];
var invalidInXml = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
var hasInvalid = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/;
function withoutInvalidCharacters(text2) {
  return hasInvalid.test(text2) ? text2.replace(invalidInXml, "") : text2;
}
function rehypeSanitizeArticle(options = {}) {
  const sanitize2 = rehypeSanitize(articleSchema(options));
  return (tree) => {
    visit(tree, (node) => {
      if (node.type === "text") node.value = withoutInvalidCharacters(node.value);
      if (node.type !== "element") return;
      for (const key in node.properties) {
        const value = node.properties[key];
        if (typeof value === "string") node.properties[key] = withoutInvalidCharacters(value);
      }
      for (const key of urlProperties) {
        const value = node.properties[key];
        if (typeof value === "string") node.properties[key] = value.trim().replace(/^[a-z][a-z\d+.-]*:/i, (scheme) => scheme.toLowerCase());
      }
      const name = node.properties.name;
      if (node.tagName === "a" && typeof name === "string" && name.trim() && node.properties.id === void 0) node.properties.id = name.trim();
    });
    return sanitize2(tree);
  };
}

// src/normalize/plugins/rehype-table-align.ts
var values = /* @__PURE__ */ new Set(["left", "center", "right", "justify"]);
function rehypeTableAlign(_options = {}) {
  return (tree) => {
    visit(tree, "element", (node) => {
      const align = node.properties.align;
      if (align === void 0) return;
      delete node.properties.align;
      const value = String(align).trim().toLowerCase();
      if (!values.has(value)) return;
      const classes = Array.isArray(node.properties.className) ? node.properties.className : [];
      const name = `align-${value}`;
      if (!classes.includes(name)) node.properties.className = [...classes, name];
    });
  };
}

// src/normalize/plugins/rehype-warn-oversized.ts
function rehypeWarnOversized(options = {}) {
  const maxWord = options.maxWord ?? 120;
  const maxCells = options.maxCells ?? 400;
  const longWord = new RegExp(`[\\x21-\\x7E]{${maxWord + 1},}`);
  return (tree, file) => {
    let reported = false;
    visitProse(tree, (node) => {
      if (reported) return;
      const match = longWord.exec(node.value);
      if (!match) return;
      reported = true;
      file.message(`a ${match[0].length}-character string without spaces (${match[0].slice(0, 24)}\u2026) will be broken at arbitrary points`, {
        place: node.position,
        ruleId: "long-word",
        source: "wenji"
      });
    });
    visit(tree, "element", (node) => {
      if (node.tagName !== "table") return;
      let cells = 0;
      visit(node, "element", (cell) => {
        if (cell.tagName === "td" || cell.tagName === "th") cells++;
      });
      if (cells > maxCells) {
        file.message(`a table of ${cells} cells is larger than a page and will be split across pages`, { place: node.position, ruleId: "large-table", source: "wenji" });
      }
    });
  };
}

// src/normalize/prose-runs.ts
var objectMark = "\uFFFC";
function proseRuns(tree) {
  const runs = [];
  let parts = [];
  let length = 0;
  let nodes = [];
  const flush = () => {
    if (nodes.length) runs.push({ text: parts.join(""), nodes });
    parts = [];
    length = 0;
    nodes = [];
  };
  const context = (text2) => {
    parts.push(text2);
    length += text2.length;
  };
  const walk = (parent) => {
    for (const child of parent.children) {
      if (child.type === "text") {
        nodes.push({ node: child, start: length, parent });
        context(child.value);
        continue;
      }
      if (child.type !== "element") continue;
      const inline = phrasing.has(child.tagName);
      if (!inline) flush();
      if (child.tagName === "rt" || child.tagName === "rp") continue;
      if (child.tagName === "br") context("\n");
      else if (child.tagName === "img") context(objectMark);
      else if (literalElements.has(child.tagName) || isOtherLanguage(child)) {
        if (inline) context(toString(child));
      } else walk(child);
      if (!inline) flush();
    }
  };
  walk(tree);
  flush();
  return runs;
}
function isOtherLanguage(element2) {
  const lang = element2.properties.lang;
  return typeof lang === "string" && lang !== "" && !/^(zh|ja|ko|cmn|yue|lzh)\b/i.test(lang);
}
function isProseAt(run, at) {
  const node = nodeAt(run, at);
  return node !== void 0;
}
function nodeAt(run, at) {
  let low = 0;
  let high = run.nodes.length - 1;
  while (low <= high) {
    const middle = low + high >> 1;
    const candidate = run.nodes[middle];
    if (at < candidate.start) high = middle - 1;
    else if (at >= candidate.start + candidate.node.value.length) low = middle + 1;
    else return candidate;
  }
  return void 0;
}
function applyEdits(run, edits) {
  if (edits.size === 0) return;
  const positions = [...edits.keys()].sort((a, b) => a - b);
  let next = 0;
  for (const { node, start } of run.nodes) {
    const end = start + node.value.length;
    while (next < positions.length && positions[next] < start) next++;
    if (next >= positions.length || positions[next] >= end) continue;
    const value = node.value;
    const pieces = [];
    let from = 0;
    while (next < positions.length && positions[next] < end) {
      const offset = positions[next] - start;
      pieces.push(value.slice(from, offset), edits.get(positions[next]));
      from = offset + 1;
      next++;
    }
    pieces.push(value.slice(from));
    node.value = pieces.join("");
  }
}
function addressRanges(text2) {
  const ranges = [];
  if (!/[:@.]/.test(text2)) return ranges;
  for (const match of text2.matchAll(/(?:[a-z][a-z\d+.-]*:\/\/|www\.)[^\s<>"'，。、；：！？（）「」“”‘’《》\u3000]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|cn|io|edu|gov|tw|hk|jp|info|me|dev)\b(?:\/[^\s，。、；：！？（）「」“”]*)?/giu)) {
    ranges.push([match.index, match.index + match[0].length]);
  }
  return ranges;
}
function inRanges(ranges, at) {
  for (const [start, end] of ranges) {
    if (at < start) return false;
    if (at < end) return true;
  }
  return false;
}
function previousVisible(text2, at) {
  for (let i = at - 1; i >= 0; i--) if (!isBlank(text2[i])) return charEndingAt(text2, i);
  return void 0;
}
function nextVisible(text2, at) {
  for (let i = at + 1; i < text2.length; i++) if (!isBlank(text2[i])) return String.fromCodePoint(text2.codePointAt(i));
  return void 0;
}
function isBlank(char) {
  return char === " " || char === "	" || char === "\n" || char === "\r" || char === "\xA0";
}
function charEndingAt(text2, i) {
  if (i < 0) return void 0;
  const code = text2.charCodeAt(i);
  if (code >= 56320 && code <= 57343 && i > 0) return text2.slice(i - 1, i + 1);
  return text2[i];
}
function charStartingAt(text2, i) {
  if (i >= text2.length) return void 0;
  return String.fromCodePoint(text2.codePointAt(i));
}
function letterBeside(text2, at, direction) {
  for (let i = at + direction; i >= 0 && i < text2.length; i += direction) {
    const char = direction === 1 ? charStartingAt(text2, i) : charEndingAt(text2, i);
    if (char === objectMark) return void 0;
    if (/[\p{L}\p{N}]/u.test(char)) return char;
    if (char.length === 2) i += direction;
  }
  return void 0;
}

// src/normalize/plugins/rehype-cjk-dashes.ts
function rehypeCjkDashes(_options = {}) {
  return (tree) => {
    for (const run of proseRuns(tree)) {
      if (!/\.{3}|。{3}|[·・．]{3}|…|-{2}|－{2}|[─―—]/u.test(run.text)) continue;
      applyEdits(run, dashEdits(run));
    }
  };
}
var pattern = /\.{3,}|。{3,}|·{3,}|・{3,}|．{3,}|…+|-{2,3}|－{2,}|─+|―+|—+/gu;
function dashEdits(run) {
  const { text: text2 } = run;
  const edits = /* @__PURE__ */ new Map();
  const addresses = addressRanges(text2);
  for (const match of text2.matchAll(pattern)) {
    const found = match[0];
    const start = match.index;
    const end = start + found.length;
    if (found.startsWith("\u2026") && found.length !== 1) continue;
    if (found.startsWith("\u2014") && found.length !== 1) continue;
    if (/^[─―－]/u.test(found) && found.length > 2) continue;
    if (found.startsWith("-") && (text2[start - 1] === "-" || text2[end] === "-" || text2[start - 1] === "!" || text2[end] === ">")) continue;
    let cjkContext = found.startsWith("\u3002") || isCjkLetter(letterBeside(text2, start, -1)) || isCjkLetter(letterBeside(text2, end - 1, 1));
    if (found.startsWith(".") && /[A-Za-z0-9]/.test(text2[start - 1] ?? "")) cjkContext = false;
    if (!cjkContext) continue;
    if (nodeAt(run, start) === void 0 || nodeAt(run, start) !== nodeAt(run, end - 1)) continue;
    let usable = true;
    for (let at = start; at < end; at++) if (inRanges(addresses, at)) usable = false;
    if (!usable) continue;
    const replacement = /^[.。·・．…]/u.test(found) ? "\u2026\u2026" : "\u2014\u2014";
    edits.set(start, replacement);
    for (let at = start + 1; at < end; at++) edits.set(at, "");
    if (replacement === "\u2014\u2014" && isCjk(previousVisible(text2, start)) && isCjk(nextVisible(text2, end - 1))) {
      for (let at = start - 1; at >= 0 && text2[at] === " " && isProseAt(run, at); at--) edits.set(at, "");
      for (let at = end; at < text2.length && text2[at] === " " && isProseAt(run, at); at++) edits.set(at, "");
    }
  }
  return edits;
}

// src/normalize/plugins/rehype-cjk-punctuation.ts
var fullWidth = { ",": "\uFF0C", ":": "\uFF1A", ";": "\uFF1B", "!": "\uFF01", "?": "\uFF1F", "(": "\uFF08", ")": "\uFF09", ".": "\u3002" };
var candidates = /[,:;!?().]/;
var closers = /* @__PURE__ */ new Set(["\u201D", "\u2019", "\u300D", "\u300F", "\uFF09", "\u300B", '"', "'", ")"]);
function rehypeCjkPunctuation(_options = {}) {
  return (tree) => {
    for (const run of proseRuns(tree)) {
      if (!candidates.test(run.text)) continue;
      applyEdits(run, punctuationEdits(run));
    }
  };
}
function punctuationEdits(run) {
  const { text: text2 } = run;
  const edits = /* @__PURE__ */ new Map();
  const addresses = addressRanges(text2);
  const faces = /* @__PURE__ */ new Set();
  for (const face of text2.matchAll(/(?<![,:;!?])[:;]-?[()DPp](?![\p{L}\p{N}])/gu)) for (let i = 0; i < face[0].length; i++) faces.add(face.index + i);
  const usable = (at) => isProseAt(run, at) && !inRanges(addresses, at) && !faces.has(at);
  const open = [];
  for (let at = 0; at < text2.length; at++) {
    const char = text2[at];
    if (char !== "(" && char !== ")") continue;
    if (!usable(at)) continue;
    if (char === "(") open.push(at);
    else {
      const start = open.pop();
      if (start === void 0) continue;
      const cjkAround = [letterBeside(text2, start, -1), letterBeside(text2, start, 1), letterBeside(text2, at, -1), letterBeside(text2, at, 1)].some(isCjkLetter);
      if (!cjkAround) continue;
      edits.set(start, "\uFF08");
      edits.set(at, "\uFF09");
      dropSpaces(text2, start, -1, edits, run);
      dropSpaces(text2, start, 1, edits, run);
      dropSpaces(text2, at, -1, edits, run);
      dropSpaces(text2, at, 1, edits, run);
    }
  }
  for (const match of text2.matchAll(/[,:;!?]+/g)) {
    const first = match.index;
    const last = first + match[0].length - 1;
    if (![...match[0]].every((_, i) => usable(first + i))) continue;
    const before = charEndingAt(text2, first - 1);
    const after = charStartingAt(text2, last + 1);
    if (isDigit(before) && isDigit(after)) continue;
    if (!isCjkLetter(letterBeside(text2, first, -1)) && !isCjkLetter(nextVisible(text2, last))) continue;
    if (isLatinLetter(before) && isLatinLetter(after)) continue;
    for (let at = first; at <= last; at++) edits.set(at, fullWidth[text2[at]]);
    dropSpaces(text2, first, -1, edits, run);
    dropSpaces(text2, last, 1, edits, run);
  }
  for (let at = text2.indexOf("."); at !== -1; at = text2.indexOf(".", at + 1)) {
    if (text2[at - 1] === "." || text2[at + 1] === "." || !usable(at)) continue;
    let back = at - 1;
    while (closers.has(text2[back] ?? "") || isBlank(text2[back])) back--;
    const before = charEndingAt(text2, back);
    if (!isCjkLetter(before)) continue;
    if (/[\p{L}\p{N}]/u.test(charStartingAt(text2, at + 1) ?? "") && !isCjk(charStartingAt(text2, at + 1))) continue;
    edits.set(at, "\u3002");
    dropSpaces(text2, at, 1, edits, run, true);
  }
  return edits;
}
function dropSpaces(text2, at, direction, edits, run, beforeCjk = false) {
  let i = at + direction;
  const spaces = [];
  while (i >= 0 && i < text2.length && (text2[i] === " " || text2[i] === "	")) {
    spaces.push(i);
    i += direction;
  }
  if (spaces.length === 0) return;
  if (beforeCjk && !isCjk(charStartingAt(text2, i))) return;
  for (const position2 of spaces) if (isProseAt(run, position2) && !edits.has(position2)) edits.set(position2, "");
}
function isDigit(char) {
  return char !== void 0 && char >= "0" && char <= "9";
}
function isLatinLetter(char) {
  return char !== void 0 && /[A-Za-z\u00C0-\u024F]/.test(char);
}

// src/normalize/plugins/rehype-cjk-quotes.ts
function rehypeCjkQuotes(_options = {}) {
  return (tree) => {
    for (const run of proseRuns(tree)) {
      if (!/["'＂]/.test(run.text)) continue;
      const edits = /* @__PURE__ */ new Map();
      pairQuotes(run, edits, '"');
      pairQuotes(run, edits, "'");
      applyEdits(run, edits);
    }
  };
}
function pairQuotes(run, edits, kind) {
  const { text: text2 } = run;
  const addresses = addressRanges(text2);
  const positions = [];
  for (let at = 0; at < text2.length; at++) {
    const char = text2[at];
    if (kind === '"' ? char !== '"' && char !== "\uFF02" : char !== "'") continue;
    if (!isProseAt(run, at) || inRanges(addresses, at)) continue;
    const before = text2[at - 1] ?? "";
    const after = text2[at + 1] ?? "";
    if (kind === "'" && /[\p{L}\p{N}]/u.test(before) && /[\p{L}\p{N}]/u.test(after) && !(isCjkLetter(before) && isCjkLetter(after))) continue;
    if (kind === '"' && /\d/.test(before)) continue;
    positions.push(at);
  }
  if (positions.length === 0 || positions.length % 2 !== 0) return;
  const [open, close] = kind === '"' ? ["\u201C", "\u201D"] : ["\u2018", "\u2019"];
  for (let i = 0; i < positions.length; i += 2) {
    const start = positions[i];
    const end = positions[i + 1];
    const inside = text2.slice(start + 1, end);
    const cjkInside = [...inside].some(isCjkLetter);
    const cjkOutside = isCjk(beside(text2, start, -1)) || isCjk(beside(text2, end, 1));
    if (kind === "'" ? !cjkInside : !cjkInside && !cjkOutside) continue;
    edits.set(start, open);
    edits.set(end, close);
  }
}
function beside(text2, at, direction) {
  for (let i = at + direction; i >= 0 && i < text2.length; i += direction) {
    if (!/[\s"'“”‘’＂]/u.test(text2[i])) return text2[i];
  }
  return void 0;
}

// src/normalize/plugins/rehype-cjk-spacing.ts
var latin = "[A-Za-z0-9\\u00C0-\\u024F]";
var typedSpace = new RegExp(`(?<=[${cjkLetter}]) +(?=${latin})|(?<=${latin}) +(?=[${cjkLetter}])`, "gu");
var boundary = new RegExp(`(?<=[${cjkLetter}])(?=${latin})|(?<=${latin}|%)(?=[${cjkLetter}])`, "gu");
var quick = new RegExp(`[${cjkLetter}]`, "u");
function rehypeCjkSpacing(options) {
  return (tree) => {
    for (const run of proseRuns(tree)) {
      if (!quick.test(run.text) || !/[A-Za-z0-9\u00C0-\u024F]/.test(run.text)) continue;
      applyEdits(run, options.mode === "remove" ? removals(run) : insertions(run));
    }
  };
}
function removals(run) {
  const edits = /* @__PURE__ */ new Map();
  for (const match of run.text.matchAll(typedSpace)) {
    for (let at = match.index; at < match.index + match[0].length; at++) edits.set(at, "");
  }
  return edits;
}
function insertions(run) {
  const { text: text2 } = run;
  const edits = /* @__PURE__ */ new Map();
  for (const match of text2.matchAll(boundary)) {
    const at = match.index;
    const before = nodeAt(run, at - 1);
    const after = nodeAt(run, at);
    const outside = before && after && before !== after && before.parent.type === "element" && phrasing.has(before.parent.tagName) && before.parent !== after.parent;
    if (before && !outside) edits.set(at - 1, `${edits.get(at - 1) ?? text2[at - 1]} `);
    else if (after) edits.set(at, ` ${edits.get(at) ?? text2[at]}`);
  }
  return edits;
}

// src/normalize/plugins/rehype-clean-links.ts
function rehypeCleanLinks(_options = {}) {
  return (tree) => {
    clean2(tree);
  };
}
function clean2(parent) {
  let unwrapped = false;
  const children2 = [];
  for (const child of parent.children) {
    if (child.type !== "element") {
      children2.push(child);
      continue;
    }
    clean2(child);
    const href = child.properties.href;
    if (child.tagName === "a" && typeof href === "string") {
      const trimmed = href.trim();
      if (trimmed === "" || trimmed === "#" || /^(?:javascript|vbscript|data):/i.test(trimmed)) {
        delete child.properties.href;
        if (child.properties.id === void 0) {
          children2.push(...child.children);
          unwrapped = true;
          continue;
        }
      } else child.properties.href = withoutTracking(trimmed);
    }
    children2.push(child);
  }
  if (unwrapped) parent.children = children2;
}

// src/normalize/plugins/rehype-convert-chinese.ts
function rehypeConvertChinese(options) {
  return (tree) => {
    const skipped = /* @__PURE__ */ new Set();
    visit(tree, "element", (node) => {
      if (isOtherLanguage(node)) skipped.add(node);
      for (const key of ["alt", "title"]) {
        const value = node.properties[key];
        if (typeof value === "string" && value) node.properties[key] = options.convert(value);
      }
    });
    visitProse(tree, (node, ancestors) => {
      if (skipped.size && ancestors.some((ancestor) => skipped.has(ancestor))) return;
      node.value = options.convert(node.value);
    });
  };
}

// src/normalize/plugins/rehype-strip-boilerplate.ts
var removable = /* @__PURE__ */ new Set(["p", "div", "li", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figcaption", "center", "section", "aside", "header", "footer"]);
var substantial = /* @__PURE__ */ new Set(["img", "picture", "table", "pre", "code", "math", "svg", "video", "audio", "figure"]);
function rehypeStripBoilerplate(options) {
  return (tree, file) => {
    if (options.patterns.length === 0) return;
    strip(tree, options.patterns, file);
  };
}
function strip(parent, patterns, file) {
  const linesChanged = stripLines(parent, patterns, file);
  const kept = [];
  let removedAny = false;
  for (const child of parent.children) {
    if (child.type === "element" && removable.has(child.tagName)) {
      if (isChromeBlock(child, patterns, file)) {
        removedAny = true;
        continue;
      }
      const changed = strip(child, patterns, file);
      if (changed && child.children.every((node) => isWhitespaceText(node) || node.type === "comment")) {
        removedAny = true;
        continue;
      }
    } else if (child.type === "element" && !literalElements.has(child.tagName) && !phrasing.has(child.tagName)) {
      strip(child, patterns, file);
    }
    kept.push(child);
  }
  if (removedAny) parent.children = kept;
  return removedAny || linesChanged;
}
function isChromeBlock(element2, patterns, file) {
  if (hasSubstance(element2) || hasBlockChild(element2)) return false;
  const text2 = normalizeChromeText(toString(element2));
  if (!text2 || text2.length > longestChrome) return false;
  const pattern2 = patterns.find((candidate) => candidate.test(text2));
  if (!pattern2) return false;
  report(file, text2, pattern2, element2);
  return true;
}
function stripLines(parent, patterns, file) {
  const children2 = parent.children;
  if (!children2.some((child) => isBr2(child))) return false;
  const drop = /* @__PURE__ */ new Set();
  let line = [];
  const finish = (terminator) => {
    const current = line;
    line = [];
    if (current.length === 0) return;
    if (current.some((node) => node.type === "element" && (substantial.has(node.tagName) || hasSubstance(node)))) return;
    const text2 = normalizeChromeText(current.map((node) => toString(node)).join(""));
    if (!text2 || text2.length > longestChrome) return;
    const pattern2 = patterns.find((candidate) => candidate.test(text2));
    if (!pattern2) return;
    report(file, text2, pattern2, parent.type === "element" ? parent : void 0, current);
    for (const node of current) drop.add(node);
    const before = children2[children2.indexOf(current[0]) - 1];
    if (terminator && isBr2(terminator)) drop.add(terminator);
    else if (before && isBr2(before)) drop.add(before);
  };
  for (const child of children2) {
    if (isBr2(child)) finish(child);
    else if (child.type === "element" && !phrasing.has(child.tagName)) finish(child);
    else line.push(child);
  }
  finish(void 0);
  if (drop.size === 0) return false;
  parent.children = children2.filter((child) => !drop.has(child));
  return true;
}
function isBr2(node) {
  if (node?.type !== "element") return false;
  if (node.tagName === "br") return true;
  return phrasing.has(node.tagName) && node.children.some((child) => isBr2(child)) && node.children.every((child) => isBr2(child) || isWhitespaceText(child));
}
function report(file, text2, pattern2, element2, nodes = []) {
  const place = element2?.position ?? nodes.find((node) => node.position)?.position;
  file.info(`removed page chrome: "${text2}" (${pattern2.source})`, { place, ruleId: "strip", source: "wenji" });
}
function hasSubstance(element2) {
  return element2.children.some((child) => child.type === "element" && (substantial.has(child.tagName) || hasSubstance(child)));
}
function hasBlockChild(element2) {
  return element2.children.some((child) => child.type === "element" && !phrasing.has(child.tagName) && (hasSubstance(child) || toString(child).trim() !== ""));
}

// src/normalize/index.ts
var defaultTypography = { punctuation: true, dashes: true, quotes: true, spacing: "css", convert: "none" };
function defaultSettings() {
  return { typography: defaultTypography, strip: defaultStripPatterns() };
}
function normalizePlugins(context, title, language = context.language) {
  const { labels } = context;
  const settings = context.settings ?? defaultSettings();
  return [
    [rehypeSanitizeArticle],
    [rehypeScopeIds, { prefix: context.id }],
    [rehypeEpubFootnotes, { notesLabel: labels.notes, noteRefLabel: labels.noteRef, backLabel: labels.backToText }],
    [rehypeTableAlign],
    [rehypeCleanLinks],
    // Before images, so that chrome (a QR-code prompt…) is gone before anything is fetched.
    [rehypeStripBoilerplate, { patterns: settings.strip }],
    [rehypeResolveImages, { unavailable: labels.imageUnavailable, ...settings.images }],
    [rehypeCleanWhitespace],
    ...textPlugins(settings, language),
    [rehypeDemoteHeadings, { title }],
    [rehypeHeadingIds, { prefix: context.id }],
    [rehypeWarnOversized]
  ];
}
function textPlugins(settings, language) {
  const { typography } = settings;
  const chinese = /^(zh|cmn|yue|lzh)\b/i.test(language);
  const cjk2 = chinese || /^ja\b/i.test(language);
  const plugins = [];
  if (chinese && typography.punctuation) plugins.push([rehypeCjkPunctuation]);
  if (chinese && typography.dashes) plugins.push([rehypeCjkDashes]);
  if (chinese && typography.quotes) plugins.push([rehypeCjkQuotes]);
  plugins.push([rehypeJoinCjkLines]);
  if (cjk2 && typography.spacing !== "none") plugins.push([rehypeCjkSpacing, { mode: typography.spacing === "insert" ? "insert" : "remove" }]);
  if (chinese && settings.converter) plugins.push([rehypeConvertChinese, { convert: settings.converter }]);
  return plugins;
}
function normalizeText(text2, settings, language) {
  const plugins = textPlugins(settings, language);
  if (plugins.length === 1 || !text2) return text2;
  const tree = { type: "root", children: [{ type: "element", tagName: "p", properties: {}, children: [{ type: "text", value: text2 }] }] };
  unified().use(plugins).runSync(tree);
  return toString(tree);
}
async function normalizeArticle(parsed, file, context) {
  const settings = context.settings ?? defaultSettings();
  const rawTitle = withoutInvalidCharacters(parsed.meta.title ?? parsed.fallbackTitles[0] ?? context.id).replace(/\s+/g, " ").trim() || context.id;
  const sourceLanguage = detectLanguage(rawTitle + proseSample(parsed.tree), context.language);
  const language = sourceLanguage ?? context.language;
  const title = normalizeText(rawTitle, settings, language);
  const body = await unified().use(normalizePlugins({ ...context, settings }, title, language)).run(parsed.tree, file);
  const text2 = toString(body);
  const convert2 = (value) => normalizeText(withoutInvalidCharacters(value), { ...settings, typography: { ...settings.typography, punctuation: false, dashes: false, quotes: false, spacing: "none" } }, language);
  const article = {
    id: context.id,
    file: file.path,
    contentPath: file.data.contentPath ?? file.path,
    title,
    authors: (parsed.meta.authors ?? []).map(convert2),
    translators: (parsed.meta.translators ?? []).map(convert2),
    tags: (parsed.meta.tags ?? []).map(convert2),
    body,
    sections: collectSections(body),
    images: file.data.images ?? [],
    length: [...text2.replace(/\s+/g, "")].length
  };
  if (parsed.meta.source) article.source = convert2(parsed.meta.source);
  if (parsed.meta.url) article.url = withoutTracking(parsed.meta.url);
  if (parsed.meta.date) article.date = parsed.meta.date;
  if (sourceLanguage) article.language = sourceLanguage;
  return article;
}
function proseSample(tree) {
  const parts = [];
  let length = 0;
  const walk = (parent) => {
    for (const child of parent.children) {
      if (length >= 2e4) return;
      if (child.type === "text") {
        parts.push(child.value);
        length += child.value.length;
      } else if (child.type === "element" && !literalElements.has(child.tagName)) walk(child);
    }
  };
  walk(tree);
  return parts.join("");
}
function collectSections(body) {
  const sections = [];
  visit(body, "element", (node) => {
    const match = /^h([2-6])$/.exec(node.tagName);
    if (match && typeof node.properties.id === "string") {
      sections.push({ id: node.properties.id, depth: Number(match[1]), title: toString(node).replace(/\s+/g, " ").trim() });
    }
  });
  return sections;
}
function detectLanguage(text2, bookLanguage) {
  const cjkBook = /^(zh|ja)/i.test(bookLanguage);
  const share = cjkShare(text2.slice(0, 2e4));
  if (cjkBook && share < 0.05 && /[A-Za-z]{3}/.test(text2)) return "en";
  if (!cjkBook && share > 0.5) return [...text2].some((c) => new RegExp("\\p{Script=Hiragana}|\\p{Script=Katakana}", "u").test(c)) ? "ja" : "zh";
  return void 0;
}
function articleIdFor(contentPath, taken) {
  const base = contentPath.replace(/\.[^./]+$/, "").split("/").at(-1) ?? "";
  const slug = base.replace(/^\d+[-_. ]*/, "").normalize("NFKD").replace(/[^A-Za-z0-9]+/g, "-").replace(/^-+|-+$/g, "").toLowerCase().slice(0, 40);
  let id = /^[a-z]/.test(slug) ? slug : slug ? `a-${slug}` : "article";
  if ([...base].some(isCjkLetter) && !/[a-z]/.test(slug)) id = "article";
  let candidate = id;
  for (let n = 2; taken.has(candidate); n++) candidate = `${id}-${n}`;
  taken.add(candidate);
  return candidate;
}

export {
  cjkLetter,
  isCjk,
  literalElements,
  phrasing,
  visitProse,
  asciiId,
  coreImageTypes,
  sniffImageType,
  isCoreImageType,
  imageSize,
  withoutTracking,
  stripPatterns,
  normalizeArticle,
  collectSections,
  articleIdFor
};
