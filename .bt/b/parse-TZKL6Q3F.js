import { createRequire as __wenjiCreateRequire } from 'node:module'; const require = __wenjiCreateRequire(import.meta.url);
import {
  ParseError,
  parseArticle,
  parseArticles,
  titleFromFileName
} from "./chunk-RVME24LF.js";
import "./chunk-6UMTLNGL.js";
import "./chunk-C3W6SNC7.js";
import "./chunk-QRN3S7II.js";
import "./chunk-D6USBTPF.js";
import "./chunk-ZRDL34G2.js";
import "./chunk-4T5F5MTL.js";
import "./chunk-K7P6NYI4.js";
import "./chunk-LE77IW2N.js";
export {
  ParseError,
  parseArticle,
  parseArticles,
  titleFromFileName
};
