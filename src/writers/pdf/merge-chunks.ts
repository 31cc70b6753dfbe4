import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFObjectCopier, PDFPage, PDFPageLeaf, PDFRef, PDFString, type PDFObject } from 'pdf-lib';
import { chunkLinkPrefix } from './chunks.js';

/**
 * Appends a printed chunk to the body printed so far, so that the result is what Chromium would
 * have written for one document: its pages, its named destinations (`/Dests`, the ids wenji
 * locates headings by), and its tagged structure — one structure tree, the chunk's elements
 * appended under the body's `Document` element, its parent tree keys (`/StructParents` of its
 * pages, `/StructParent` of its links) moved past the body's, its ids added to the `/IDTree`.
 * One copier copies it all, so the structure elements' `/Pg` and the destinations point to the
 * copied pages.
 */
export function appendChunk(body: PDFDocument, chunk: PDFDocument): void {
  const copier = PDFObjectCopier.for(chunk.context, body.context);
  const keyOffset = parentTreeNextKey(body);
  for (const source of chunk.getPages()) {
    const ref = copier.copy(source.ref) as PDFRef;
    const node = body.context.lookup(ref) as PDFPageLeaf;
    shiftKey(node, 'StructParents', keyOffset);
    const annots = node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    if (annots) for (let i = 0; i < annots.size(); i++) shiftKey(annots.lookupMaybe(i, PDFDict), 'StructParent', keyOffset);
    body.addPage(PDFPage.of(node, ref, body));
  }
  const dests = chunk.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  if (dests) {
    const target = orCreate(body, body.catalog, 'Dests');
    for (const [name, value] of dests.entries()) target.set(name, copier.copy(value));
  }
  appendStructure(body, chunk, copier, keyOffset);
}

/**
 * Links to an element of another chunk (chunks.ts wrote them as `chunkLinkPrefix` + id URIs)
 * become links to its named destination, as Chromium writes an in-document link. Returns how
 * many there were.
 */
export function linkAcrossChunks(body: PDFDocument): number {
  let count = 0;
  for (const page of body.getPages()) {
    const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    if (!annots) continue;
    for (let i = 0; i < annots.size(); i++) {
      const annot = annots.lookupMaybe(i, PDFDict);
      const uri = annot?.lookupMaybe(PDFName.of('A'), PDFDict)?.lookupMaybe(PDFName.of('URI'), PDFString, PDFHexString)?.decodeText();
      if (!annot || !uri?.startsWith(chunkLinkPrefix)) continue;
      annot.delete(PDFName.of('A'));
      annot.set(PDFName.of('Dest'), PDFName.of(decodeURIComponent(uri.slice(chunkLinkPrefix.length))));
      count++;
    }
  }
  return count;
}

function structTreeRoot(doc: PDFDocument): PDFDict | undefined {
  return doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
}

function parentTreeNextKey(doc: PDFDocument): number {
  const next = structTreeRoot(doc)?.lookupMaybe(PDFName.of('ParentTreeNextKey'), PDFNumber);
  return next ? next.asNumber() : 0;
}

function shiftKey(dict: PDFDict | undefined, key: string, offset: number): void {
  const value = dict?.lookupMaybe(PDFName.of(key), PDFNumber);
  if (dict && value && offset) dict.set(PDFName.of(key), PDFNumber.of(value.asNumber() + offset));
}

function orCreate(doc: PDFDocument, parent: PDFDict, key: string): PDFDict {
  const existing = parent.lookupMaybe(PDFName.of(key), PDFDict);
  if (existing) return existing;
  const dict = doc.context.obj({});
  parent.set(PDFName.of(key), doc.context.register(dict));
  return dict;
}

/**
 * Chromium's structure tree: `/StructTreeRoot` → one `Document` element holding the rest, a
 * `/ParentTree` (number tree: key → the elements a page's marked content or a link belongs to)
 * and an `/IDTree` (name tree). The chunk's `Document` children are appended to the body's.
 */
function appendStructure(body: PDFDocument, chunk: PDFDocument, copier: PDFObjectCopier, keyOffset: number): void {
  const source = structTreeRoot(chunk);
  const target = structTreeRoot(body);
  if (!source || !target) return;
  const targetDocument = target.lookupMaybe(PDFName.of('K'), PDFDict);
  const targetDocumentRef = target.get(PDFName.of('K'));
  const sourceDocument = source.lookupMaybe(PDFName.of('K'), PDFDict);
  if (!targetDocument || !(targetDocumentRef instanceof PDFRef) || !sourceDocument) return;
  const kids = asArray(body, targetDocument, 'K');
  const sourceKids = sourceDocument.get(PDFName.of('K'));
  const copiedKids = sourceKids instanceof PDFArray ? sourceKids.asArray() : sourceKids ? [sourceKids] : [];
  for (const kid of copiedKids) {
    // The chunk is thrown away after: its parent link goes first, else copying it would copy the chunk's whole tree root.
    const sourceElement = kid instanceof PDFRef ? chunk.context.lookupMaybe(kid, PDFDict) : undefined;
    sourceElement?.delete(PDFName.of('P'));
    const copied = copier.copy(kid);
    const element = copied instanceof PDFRef ? body.context.lookupMaybe(copied, PDFDict) : undefined;
    element?.set(PDFName.of('P'), targetDocumentRef);
    kids.push(copied);
  }
  const nums = flatTree(chunk, source.lookupMaybe(PDFName.of('ParentTree'), PDFDict), 'Nums');
  if (nums.length) {
    const targetNums = asArray(body, orCreate(body, target, 'ParentTree'), 'Nums');
    for (let i = 0; i + 1 < nums.length; i += 2) {
      targetNums.push(PDFNumber.of((nums[i] as PDFNumber).asNumber() + keyOffset));
      targetNums.push(copier.copy(nums[i + 1]!));
    }
  }
  const next = source.lookupMaybe(PDFName.of('ParentTreeNextKey'), PDFNumber);
  if (next) target.set(PDFName.of('ParentTreeNextKey'), PDFNumber.of(next.asNumber() + keyOffset));
  const names = flatTree(chunk, source.lookupMaybe(PDFName.of('IDTree'), PDFDict), 'Names');
  if (names.length) {
    const idTree = orCreate(body, target, 'IDTree');
    const merged = [...pairs(flatTree(body, idTree, 'Names')), ...pairs(names).map(([text, key, value]) => [text, key, copier.copy(value)] as const)];
    // A name tree's keys are sorted; ids are unique across the book.
    merged.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    idTree.delete(PDFName.of('Kids'));
    idTree.set(PDFName.of('Names'), body.context.obj(merged.flatMap(([, key, value]) => [key, value])));
  }
}

/** The array under `key` of `dict`, made direct and flat if it is not. */
function asArray(doc: PDFDocument, dict: PDFDict, key: string): PDFArray {
  const value = dict.lookup(PDFName.of(key));
  if (value instanceof PDFArray) return value;
  const array = doc.context.obj(value === undefined ? [] : [dict.get(PDFName.of(key))!]);
  dict.set(PDFName.of(key), array);
  return array;
}

/** A number or name tree's `/Nums` or `/Names` entries, leaves flattened in order. */
function flatTree(doc: PDFDocument, node: PDFDict | undefined, key: 'Nums' | 'Names'): PDFObject[] {
  if (!node) return [];
  const own = node.lookupMaybe(PDFName.of(key), PDFArray);
  const result: PDFObject[] = own ? own.asArray() : [];
  const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
  if (kids) for (let i = 0; i < kids.size(); i++) result.push(...flatTree(doc, kids.lookupMaybe(i, PDFDict), key));
  return result;
}

/** A name tree's entries as (key text, key, value). */
function pairs(entries: PDFObject[]): (readonly [string, PDFObject, PDFObject])[] {
  const result: (readonly [string, PDFObject, PDFObject])[] = [];
  for (let i = 0; i + 1 < entries.length; i += 2) {
    const key = entries[i];
    if (key instanceof PDFString || key instanceof PDFHexString) result.push([key.decodeText(), key, entries[i + 1]!]);
  }
  return result;
}
