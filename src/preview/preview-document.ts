import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import type { Article, Book } from '../book/model.js';
import { assembleBodyTree, type AssembleOptions } from '../writers/pdf/assemble.js';
import { pageSides } from '../writers/pdf/geometry.js';

/** Paths of wenji's own files on the preview server. */
export const previewPaths = {
  stylesheet: '/_wenji/preview.css',
  script: '/_wenji/live-reload.js',
  events: '/_wenji/events',
  font: (index: number) => `/_wenji/fonts/${index}`,
} as const;

export interface Problem {
  file: string;
  text: string;
}

/**
 * The printed body (assembleBodyTree: the same HTML and stylesheet the PDF is printed from),
 * framed for the screen: a contents sidebar, the pages in a scrolling area, the page geometry
 * as CSS variables for preview.css, and the live-reload script.
 */
export function previewDocument(book: Book, options: { assemble: AssembleOptions; revision: number; problems: Problem[] }): string {
  const tree = assembleBodyTree(book, options.assemble);
  const { html, head, body } = parts(tree);
  const { geometry, mode } = options.assemble;
  const recto = pageSides(geometry, mode).recto;
  const inner = mode === 'vertical' ? recto.right : recto.left;
  const outer = mode === 'vertical' ? recto.left : recto.right;
  html.properties.dataRevision = String(options.revision);
  head.children.push(
    h('style', `:root { --page-width: ${geometry.width}mm; --page-height: ${geometry.height}mm; --margin-top: ${geometry.top}mm; --margin-bottom: ${geometry.bottom}mm; --margin-inner: ${inner}mm; --margin-outer: ${outer}mm; }`),
    h('link', { rel: 'stylesheet', href: previewPaths.stylesheet }),
    h('script', { src: previewPaths.script, defer: true }),
  );
  const pages = h('main', { className: ['wenji-pages'] }, body.children as ElementContent[]);
  body.children = [sidebar(book, options.problems), pages];
  return unified().use(rehypeStringify).stringify(tree);
}

/** A page that says why the book could not be shown; it reloads when the cause is fixed. */
export function errorDocument(message: string, revision: number): string {
  const tree: Root = {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: 'en', dataRevision: String(revision) }, [
        h('head', [h('meta', { charSet: 'utf-8' }), h('title', 'wenji preview: error'), h('link', { rel: 'stylesheet', href: previewPaths.stylesheet }), h('script', { src: previewPaths.script, defer: true })]),
        h('body', [h('pre', { className: ['wenji-error'] }, `The book could not be built:\n\n${message}\n\nFix it and save: this page reloads by itself.`)]),
      ]),
    ],
  };
  return unified().use(rehypeStringify).stringify(tree);
}

function sidebar(book: Book, problems: Problem[]): Element {
  const { meta } = book;
  return h('nav', { className: ['wenji-sidebar'], ariaLabel: 'contents' }, [
    h('h2', meta.title),
    h('p', { className: ['wenji-meta'] }, `${book.articles.length} articles · wenji preview`),
    h(
      'ol',
      contentsItems(book),
    ),
    problems.length
      ? h('details', { className: ['wenji-problems'], open: problems.length <= 10 }, [
          h('summary', `${problems.length} warning${problems.length === 1 ? '' : 's'} (see the terminal)`),
          h('ul', problems.slice(0, 100).map((problem) => h('li', `${problem.file}: ${problem.text}`))),
        ])
      : undefined,
  ].filter((node) => node !== undefined));
}

/** The sidebar's list: every article, a part's below its title. */
function contentsItems(book: Book): Element[] {
  const link = (article: Article) => h('li', [h('a', { href: `#${article.id}` }, article.title)]);
  const partOf = new Map(book.parts.flatMap((part) => part.articleIds.map((id) => [id, part] as const)));
  const items: Element[] = [];
  let open: { part: Book['parts'][number]; list: Element } | undefined;
  for (const article of book.articles) {
    const part = partOf.get(article.id);
    if (!part) open = undefined;
    else if (open?.part !== part) {
      open = { part, list: h('ol') };
      items.push(h('li', { className: ['wenji-part'] }, [h('a', { href: `#${part.id}` }, part.page.title), open.list]));
    }
    if (open) open.list.children.push(link(article));
    else items.push(link(article));
  }
  return items;
}

function parts(tree: Root): { html: Element; head: Element; body: Element } {
  const html = tree.children.find((node): node is Element => node.type === 'element' && node.tagName === 'html')!;
  const child = (name: string) => html.children.find((node): node is Element => node.type === 'element' && node.tagName === name)!;
  return { html, head: child('head'), body: child('body') };
}
