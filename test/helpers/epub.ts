import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import type { Element, Root } from 'xast';
import { fromXml } from 'xast-util-from-xml';

export const javaEpubcheckJar = '/usr/share/java/epubcheck.jar';

export interface OpenedEpub {
  /** Entry names in zip order. */
  names: string[];
  zip: JSZip;
  raw: Uint8Array;
  text(name: string): Promise<string>;
  xml(name: string): Promise<Root>;
  /** Path of the package document (from META-INF/container.xml). */
  opfPath: string;
}

export async function openEpub(file: string): Promise<OpenedEpub> {
  return openEpubData(readFileSync(file));
}

/** Opens EPUB bytes held in memory (what `writeEpub` returns). */
export async function openEpubData(raw: Uint8Array): Promise<OpenedEpub> {
  const zip = await JSZip.loadAsync(raw);
  const names = Object.keys(zip.files);
  const text = async (name: string) => {
    const entry = zip.file(name);
    if (!entry) throw new Error(`${name} is not in the EPUB`);
    return entry.async('string');
  };
  const xml = async (name: string) => fromXml(await text(name));
  const container = await xml('META-INF/container.xml');
  const rootfile = findAll(container, 'rootfile')[0];
  if (!rootfile) throw new Error('container.xml has no rootfile');
  return { names, zip, raw, text, xml, opfPath: String(rootfile.attributes['full-path']) };
}

/** Every element with the given (qualified) name, in document order. */
export function findAll(tree: Root | Element, name: string): Element[] {
  const found: Element[] = [];
  const walk = (node: Root | Element) => {
    for (const child of node.children) {
      if (child.type === 'element') {
        if (child.name === name) found.push(child);
        walk(child);
      }
    }
  };
  walk(tree);
  return found;
}

/** Every id in a document. */
export function idsIn(tree: Root | Element): Set<string> {
  const found = new Set<string>();
  const walk = (node: Root | Element) => {
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      if (typeof child.attributes.id === 'string') found.add(child.attributes.id);
      walk(child);
    }
  };
  walk(tree);
  return found;
}

export function textOf(node: Element): string {
  return node.children.map((child) => (child.type === 'text' ? child.value : child.type === 'element' ? textOf(child) : '')).join('');
}

export interface ValidationResult {
  fatals: number;
  errors: number;
  warnings: number;
  messages: string[];
}

/** @likecoin/epubcheck-ts: pure TypeScript, no Java. */
export async function epubcheckTs(data: Uint8Array): Promise<ValidationResult> {
  const { EpubCheck } = await import('@likecoin/epubcheck-ts');
  const result = await EpubCheck.validate(data);
  const messages = result.messages
    .filter((message) => ['fatal', 'error', 'warning'].includes(String(message.severity).toLowerCase()))
    .map((message) => `${message.severity} ${message.id ?? ''}: ${message.message} ${message.location ? `(${message.location.path}:${message.location.line ?? ''})` : ''}`);
  const count = (severity: string) => result.messages.filter((message) => String(message.severity).toLowerCase() === severity).length;
  return { fatals: count('fatal'), errors: count('error'), warnings: count('warning'), messages };
}

/** Whether the real EPUBCheck can run here (Debian's `epubcheck` package and Java). */
export function javaEpubcheckAvailable(): boolean {
  return existsSync(javaEpubcheckJar);
}

/** The real EPUBCheck (Java). Throws when it is absent. */
export async function javaEpubcheck(file: string): Promise<ValidationResult> {
  const run = promisify(execFile);
  let output: string;
  try {
    const result = await run('java', ['-jar', javaEpubcheckJar, file], { maxBuffer: 16 * 1024 * 1024 });
    output = `${result.stdout}\n${result.stderr}`;
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    output = `${failed.stdout ?? ''}\n${failed.stderr ?? ''}`;
  }
  const summary = /Messages:\s*(\d+) fatals? \/ (\d+) errors? \/ (\d+) warnings?/.exec(output);
  if (!summary) throw new Error(`EPUBCheck printed no summary:\n${output}`);
  const messages = output.split('\n').filter((line) => /^(FATAL|ERROR|WARNING)/.test(line));
  return { fatals: Number(summary[1]), errors: Number(summary[2]), warnings: Number(summary[3]), messages };
}

/** `WENJI_REQUIRE_EPUBCHECK=1` turns a missing EPUBCheck into a failure instead of a skip. */
export function javaEpubcheckRequired(): boolean {
  return process.env.WENJI_REQUIRE_EPUBCHECK === '1';
}

/**
 * Runs the real EPUBCheck on `file` and fails on any fatal, error or warning; skips the test
 * when EPUBCheck is not installed (fails instead with `WENJI_REQUIRE_EPUBCHECK=1`).
 */
export async function assertJavaEpubcheckClean(t: { skip: (message: string) => void }, file: string): Promise<void> {
  if (!javaEpubcheckAvailable()) {
    if (javaEpubcheckRequired()) throw new Error(`WENJI_REQUIRE_EPUBCHECK=1 but ${javaEpubcheckJar} is missing`);
    t.skip('EPUBCheck (Java) is not installed');
    return;
  }
  const check = await javaEpubcheck(file);
  if (check.messages.length || check.fatals || check.errors || check.warnings) {
    throw new Error(`EPUBCheck: ${check.fatals} fatals, ${check.errors} errors, ${check.warnings} warnings\n${check.messages.join('\n')}`);
  }
}

/** A parsed package document with the lookups most tests need. */
export interface PackageView {
  /** Manifest items by id. */
  items: Map<string, { id: string; href: string; mediaType: string; properties: string[] }>;
  /** Spine hrefs, in order. */
  spine: string[];
  /** The `spine` element's attributes. */
  spineAttributes: Record<string, string>;
  /** `<meta property>` values by property (several for repeated properties). */
  properties: Map<string, string[]>;
  /** `<meta name content>` pairs. */
  names: Map<string, string>;
  /** Resolves an href relative to the package document to a zip entry name. */
  entry(href: string): string;
}

export async function readPackage(epub: OpenedEpub): Promise<PackageView> {
  const opf = await epub.xml(epub.opfPath);
  const items = new Map<string, { id: string; href: string; mediaType: string; properties: string[] }>();
  for (const item of findAll(opf, 'item')) {
    const id = String(item.attributes.id);
    items.set(id, { id, href: String(item.attributes.href), mediaType: String(item.attributes['media-type']), properties: String(item.attributes.properties ?? '').split(/\s+/).filter(Boolean) });
  }
  const spineElement = findAll(opf, 'spine')[0]!;
  const spine = findAll(opf, 'itemref').map((ref) => items.get(String(ref.attributes.idref))!.href);
  const properties = new Map<string, string[]>();
  const names = new Map<string, string>();
  for (const meta of findAll(opf, 'meta')) {
    if (typeof meta.attributes.property === 'string' && meta.attributes.refines === undefined) {
      properties.set(meta.attributes.property, [...(properties.get(meta.attributes.property) ?? []), textOf(meta)]);
    }
    if (typeof meta.attributes.name === 'string') names.set(meta.attributes.name, String(meta.attributes.content));
  }
  const base = epub.opfPath.includes('/') ? epub.opfPath.slice(0, epub.opfPath.lastIndexOf('/') + 1) : '';
  return {
    items,
    spine,
    spineAttributes: Object.fromEntries(Object.entries(spineElement.attributes).map(([key, value]) => [key, String(value)])),
    properties,
    names,
    entry: (href) => base + href.replace(/#.*$/, ''),
  };
}
