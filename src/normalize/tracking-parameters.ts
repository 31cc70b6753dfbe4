/**
 * Query parameters that only say where a reader came from (campaign tags, click ids, share
 * sources). They are dropped from links and from an article's `url`; everything else in the
 * address is kept as written.
 */
const tracking = /^(?:utm_[a-z_]+|spm|spm_id_from|scm|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|twclid|igshid|igsh|mc_cid|mc_eid|_hsenc|_hsmi|mkt_tok|vd_source|share_source|share_medium|share_plat|share_session_id|share_tag|share_from|shareid|sharer_shareid|sharer_sharetime|isappinstalled|chksm|clicktime|enterid|ref_src|ref_url|wt_mc|xtor|s_cid|cmpid|ocid|sr_share|from_source)$/i;
/** `from` is a tracking parameter only with the values share sheets give it. */
const trackingFrom = /^(?:timeline|singlemessage|groupmessage|message|share|wechat|weixin|qq|weibo|appshare|copy_link)$/i;

/** `https://x.org/a?utm_source=feed&id=3#p` → `https://x.org/a?id=3#p`. Non-http(s) addresses pass through. */
export function withoutTracking(href: string): string {
  if (!/^https?:\/\//i.test(href) || !href.includes('?')) return href;
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return href;
  }
  const keys = [...url.searchParams.keys()];
  const drop = keys.filter((key) => tracking.test(key) || (key.toLowerCase() === 'from' && trackingFrom.test(url.searchParams.get(key) ?? '')));
  if (drop.length === 0) return href;
  for (const key of drop) url.searchParams.delete(key);
  // URLSearchParams re-encodes what it keeps; rebuild the query from the original pieces instead.
  const question = href.indexOf('?');
  const base = href.slice(0, question);
  const [query = '', ...fragment] = href.slice(question + 1).split('#');
  const kept = query.split('&').filter((pair) => {
    const key = safeDecode(pair.split('=')[0] ?? '');
    return pair !== '' && !drop.includes(key);
  });
  return `${base}${kept.length ? `?${kept.join('&')}` : ''}${fragment.length ? `#${fragment.join('#')}` : ''}`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
