/**
 * The preview page's only script (article scripts are removed by normalization, and the page's
 * Content-Security-Policy allows no other). The server sends the current revision when the page
 * connects and after every rebuild; a page showing an older one reloads, keeping its scroll
 * position.
 */
export const liveReloadScript = `(() => {
  const key = 'wenji-scroll:' + location.pathname;
  const pages = () => document.querySelector('.wenji-pages');
  const saved = sessionStorage.getItem(key);
  if (saved) {
    sessionStorage.removeItem(key);
    const [left, top] = saved.split(',').map(Number);
    const restore = () => { const el = pages(); if (el) { el.scrollLeft = left; el.scrollTop = top; } };
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', restore); else restore();
  }
  const revision = document.documentElement.dataset.revision;
  const events = new EventSource('/_wenji/events');
  events.addEventListener('revision', (event) => {
    // data-live tells that the page is connected (and lets tests wait for it).
    if (event.data === revision) return void (document.documentElement.dataset.live = 'on');
    const el = pages();
    if (el) sessionStorage.setItem(key, el.scrollLeft + ',' + el.scrollTop);
    events.close();
    location.reload();
  });
})();
`;
