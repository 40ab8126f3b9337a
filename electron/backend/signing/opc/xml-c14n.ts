import { C14nCanonicalization } from 'xml-crypto';

export const DSIG = {
  ns: 'http://www.w3.org/2000/09/xmldsig#',
  c14n: 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
  sha256: 'http://www.w3.org/2001/04/xmlenc#sha256',
  rsaSha256: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  ecdsaSha256: 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256',
  objectType: 'http://www.w3.org/2000/09/xmldsig#Object',
  signedPropertiesType: 'http://uri.etsi.org/01903#SignedProperties',
  xades: 'http://uri.etsi.org/01903/v1.3.2#',
  mdssi: 'http://schemas.openxmlformats.org/package/2006/digital-signature',
} as const;

const c14n = new C14nCanonicalization();

/**
 * Inclusive C14N of one element inside a larger document. The namespaces declared on its
 * ancestors are in scope and must be rendered on it (the trap: without them the digest of
 * `Object`/`SignedProperties` differs from every other implementation's).
 */
export function canonicalise(element: Element): string {
  const inScope = new Map<string, string>();
  for (
    let node = element.parentNode as Element | null;
    node && node.nodeType === 1;
    node = node.parentNode as Element | null
  ) {
    for (const attr of Array.from(node.attributes)) {
      const prefix = attr.name === 'xmlns' ? '' : attr.name.startsWith('xmlns:') ? attr.name.slice(6) : null;
      if (prefix !== null && !inScope.has(prefix)) inScope.set(prefix, attr.value);
    }
  }
  // xml-crypto renders an unprefixed element's own namespace itself; passing the default
  // again would duplicate it. A prefixed apex needs the inherited default passed explicitly.
  if (!element.prefix) inScope.delete('');
  const ancestorNamespaces = [...inScope]
    .filter(([, uri]) => uri !== '')
    .map(([prefix, namespaceURI]) => ({ prefix, namespaceURI }));
  return c14n.process(element as never, { ancestorNamespaces });
}
