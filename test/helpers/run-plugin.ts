import type { Root } from 'hast';
import rehypeParse from 'rehype-parse';
import { unified, type PluggableList } from 'unified';
import { VFile } from 'vfile';
import { fragmentToXml } from '../../src/writers/xhtml/serialize.js';

/** Parses an HTML fragment, runs the plugins, returns the tree, the file (with messages) and XML. */
export async function runPlugins(html: string, plugins: PluggableList, file: VFile = new VFile()): Promise<{ tree: Root; file: VFile; xml: string }> {
  const tree = unified().use(rehypeParse, { fragment: true }).parse(html) as Root;
  const result = (await unified().use(plugins).run(tree, file)) as Root;
  return { tree: result, file, xml: fragmentToXml(result) };
}
