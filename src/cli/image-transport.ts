import { isPublicAddress, literalAddress } from '../collect/address-guard.js';
import { guardedImageFetch } from '../collect/fetch-page.js';

/**
 * The transport of `--fetch-images`: the guarded client of `wenji add` (src/collect/), so that an
 * image address written in an article is fetched under the same rules as a page — redirects
 * bounded and to http(s) only, and no connection to a private or loopback address unless the
 * article names one itself (a public address can never lead into the local network). Size and
 * time limits stay the downloader's (content/fetch-remote-image.ts); these are its outer bounds.
 */
export function guardedImageTransport(testing: { isPublic?: (address: string) => boolean } = {}): typeof fetch {
  const isPublic = testing.isPublic ?? isPublicAddress;
  return (input, init) => {
    const address = String(input instanceof Request ? input.url : input);
    let literal: string | undefined;
    try {
      literal = literalAddress(new URL(address).hostname);
    } catch {
      literal = undefined;
    }
    return guardedImageFetch({ allowPrivate: literal !== undefined && !isPublic(literal), maxBytes: 64 * 1024 * 1024, timeoutMs: 60_000, ...(testing.isPublic ? { isPublic } : {}) })(input, init);
  };
}
