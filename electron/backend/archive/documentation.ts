/** What documentation/README.txt says about one package: filled in at export. */
export interface ReadmeFacts {
  packageId: string;
  createdAt: string;
  softwareVersion: string;
  from: string;
  to: string;
  documents: number;
  /** the package signer's subject and certificate fingerprint, or null for an unsigned package */
  signer: { subject: string; fingerprint: string } | null;
  /** the CA certificate files in documentation/certificates/, with their SHA-256 fingerprints */
  caFiles: Array<{ path: string; subject: string; fingerprint: string }>;
  leftOut: string[];
}

const FIELDS_SV = `
  path                 filens sökväg i paketet (ASCII, t.ex. representations/rep1/data/2017/chefssamradet/2017-03-14_protokoll_p1-10.docx)
  recordId             den förseglade handlingens id i Samråds databas
  kind                 protokoll | protokollsutdrag (en § justerad omedelbart) | avtal (samverkansöverenskommelse) | rattelse
  title                handlingens rubrik, t.ex. "Chefssamrådet 2017-03-14 §§ 1–10"
  body                 samverkansforum (protokoll, utdrag, rättelser); tomt för avtal
  parties              avtalets parter (avtal)
  date                 sammanträdets datum, eller dagen då avtalet undertecknades av sista part
  validFrom, validTo   avtalsperiodens första och sista dag (avtal)
  paragraphs           §§ första–sista
  dnr                  diarienummer
  acts                 varje justering eller underskrift: namn, roll, organisation, datum (som det angavs),
                       när Samråd registrerade den, tidskälla och "recorded without digital signature"
                       (personliga digitala underskrifter finns ännu inte i Samråd)
  packageSignatures    organisationens paketsignatur(er) i dokumentet: undertecknare, certifikatets
                       SHA-256-fingeravtryck, utfärdare, signeringstid (undertecknarens klocka), giltig, betrodd
  snapshotSha256       SHA-256 av den förseglade ögonblicksbilden (det dokumentet visar, som data)
  sealedAt             när handlingen förseglades
  correctsSha256       rättelse: SHA-256 av dokumentet som rättas
  sha256, bytes        filens SHA-256 och storlek
  attachments          handlingens beslutsunderlag (handlingar): för varje fil §, filnamn som det stod i
                       protokollet, sökväg i paketet (…_handlingar/), SHA-256 och storlek; i index.csv
                       "filnamn (§ N, sökväg)" åtskilda med " | "`;

const FIELDS_EN = `
  path                 the file's path in the package (ASCII)
  recordId             the sealed record's id in the Samråd database
  kind                 protokoll (protocol) | protokollsutdrag (a § attested at once) | avtal (agreement) | rattelse (correction)
  title                the record's title, e.g. "Chefssamrådet 2017-03-14 §§ 1–10"
  body                 the body (protocols, extracts, corrections); empty for agreements
  parties              the agreement's parties (agreements)
  date                 the meeting date, or the day the last party signed the agreement
  validFrom, validTo   the agreement's period
  paragraphs           §§ first–last
  dnr                  registration numbers (diarienummer)
  acts                 each attestation or signing: name, role, organisation, date (as entered), when Samråd
                       recorded it, the time source and "recorded without digital signature"
                       (personal digital signatures do not exist in Samråd yet)
  packageSignatures    the organisation's package signature(s) in the document: signer, certificate SHA-256
                       fingerprint, issuer, signing time (the signer's clock), valid, trusted
  snapshotSha256       SHA-256 of the sealed canonical snapshot (what the document shows, as data)
  sealedAt             when the record was sealed
  correctsSha256       a correction: the SHA-256 of the document it corrects
  sha256, bytes        the file's SHA-256 and size
  attachments          the record's handlingar (documents the decisions were based on): for each file its §,
                       its name as the protocol gave it, its path in the package (…_handlingar/), SHA-256 and
                       size; in index.csv "file name (§ N, path)" separated by " | "`;

function steps(f: ReadmeFacts, lang: 'sv' | 'en'): string {
  const sv = lang === 'sv';
  const lines = [
    sv ? '  1. Varje fil är oförändrad:' : '  1. Every file is unchanged:',
    '       sha256sum -c SHA256SUMS',
    sv
      ? '  2. Inga filer har lagts till eller tagits bort (ingen utdata = lika):'
      : '  2. No file was added or removed (no output = equal):',
    "       find . -type f ! -name SHA256SUMS ! -name SHA256SUMS.p7s | sed 's|^\\./||' | LC_ALL=C sort > /tmp/filer.txt",
    '       cut -c67- SHA256SUMS | LC_ALL=C sort | diff - /tmp/filer.txt',
  ];
  if (f.signer && f.caFiles.length > 0) {
    lines.push(
      sv
        ? '  3. Signaturen över SHA256SUMS håller (organisationens certifikat):'
        : "  3. The signature over SHA256SUMS holds (the organisation's certificate):",
      `       cat ${f.caFiles.map((c) => c.path).join(' ')} > /tmp/ca.pem`,
      `       openssl cms -verify -binary -inform DER -in SHA256SUMS.p7s -content SHA256SUMS -CAfile /tmp/ca.pem -purpose any -attime ${Math.floor(Date.parse(f.createdAt) / 1000)} -out /dev/null`,
      sv
        ? `     (-attime: certifikaten prövas vid signeringstiden ${f.createdAt}; de kan ha gått ut sedan dess.)`
        : `     (-attime: the certificates are checked at the signing time ${f.createdAt}; they may have expired since.)`,
      sv
        ? '     Att CA-certifikatet finns i paketet visar bara att inget ändrats sedan signeringen. Förtroende kräver att\n     dess fingeravtryck jämförs med ett som fåtts på annan väg (organisationens förteckning):'
        : "     The CA certificate in the package only shows that nothing changed since signing. Trust needs its\n     fingerprint compared with one obtained another way (the organisation's own records):",
      ...f.caFiles.map((c) => `       openssl x509 -in ${c.path} -noout -fingerprint -sha256   # ${c.fingerprint}`),
    );
  } else {
    lines.push(sv ? '  3. (Paketet är inte signerat: se ovan.)' : '  3. (The package is not signed: see above.)');
  }
  lines.push(
    sv
      ? '  4. METS och PREMIS följer de officiella schemana (offline, schemana finns i schemas/):'
      : '  4. METS and PREMIS follow the official schemas (offline; the schemas are in schemas/):',
    '       XML_CATALOG_FILES=schemas/catalog.xml xmllint --noout --nonet --schema schemas/eark-mets.xsd METS.xml representations/rep1/METS.xml',
    '       xmllint --noout --nonet --schema schemas/premis-v3-0.xsd metadata/preservation/premis.xml',
    sv
      ? '  5. Allt ovan och varje dokuments paketsignatur med ett kommando:'
      : "  5. All of the above and each document's package signature in one command:",
    '       samrad verify-archive .     (0 = giltigt och betrott / valid and trusted, 3 = intakt men inte betrott / intact, not trusted,',
    '                                    1 = ogiltigt / invalid, 2 = oläsbart / unreadable)',
  );
  return lines.join('\n');
}

/** documentation/README.txt: Swedish first, then English; plain UTF-8 text so it reads anywhere. */
export function readmeText(f: ReadmeFacts): string {
  const signedSv = f.signer
    ? `Paketet är signerat: SHA256SUMS.p7s är en fristående CMS-signatur (PKCS#7) över SHA256SUMS av\n  ${f.signer.subject.replace(/\n/g, ', ')}\n  certifikatets SHA-256: ${f.signer.fingerprint}`
    : 'PAKETET ÄR INTE SIGNERAT: inget signeringscertifikat var upplåst vid exporten och användaren valde att\nexportera ändå. SHA256SUMS visar att filerna är oförändrade sedan exporten bara om SHA256SUMS självt har\nbevarats oförändrat på annat sätt.';
  const signedEn = f.signer
    ? `The package is signed: SHA256SUMS.p7s is a detached CMS (PKCS#7) signature over SHA256SUMS by\n  ${f.signer.subject.replace(/\n/g, ', ')}\n  certificate SHA-256: ${f.signer.fingerprint}`
    : 'THE PACKAGE IS NOT SIGNED: no signing certificate was unlocked at export and the user chose to export\nanyway. SHA256SUMS shows the files are unchanged since export only if SHA256SUMS itself was kept unchanged some other way.';
  const left = f.leftOut.length ? f.leftOut.map((l) => `  - ${l}`).join('\n') : '  (inga / none)';
  return `SAMRÅD – ARKIVPAKET / ARCHIVE PACKAGE
Paket-id / package id: ${f.packageId}
Skapat / created: ${f.createdAt} av / by Samråd ${f.softwareVersion}
Period: ${f.from} – ${f.to}
Dokument / documents: ${f.documents}

=== SVENSKA ===

Vad paketet är
  Ett E-ARK SIP enligt CSIP 2.1 och SIP 2.1 (Riksarkivets FGS Paketstruktur 2.0) med periodens förseglade
  handlingar: justerade protokoll, omedelbart justerade paragrafer (protokollsutdrag), rättelser och de
  samverkansöverenskommelser som gällde någon gång under perioden. Varje dokument är byte för byte det
  som förseglades när handlingen justerades eller undertecknades, med de signaturer det då fick.

Innehåll
  METS.xml                              paketets METS (CSIP/SIP)
  metadata/descriptive/index.json       Samråds förteckning, ett objekt per dokument (fälten nedan)
  metadata/descriptive/index.csv        samma förteckning som CSV (UTF-8 med BOM, kommatecken, CRLF)
  metadata/preservation/premis.xml      PREMIS 3: objekt med SHA-256 och format, händelser ur granskningsloggen
                                        (försegling, justering, undertecknande, rättelse, export), agenter
  representations/rep1/METS.xml         representationens METS
  representations/rep1/data/            dokumenten (.docx), ÅÅÅÅ/forum/ÅÅÅÅ-MM-DD_protokoll_pA-B.docx, avtal/;
                                        varje protokolls handlingar bredvid det, i …_protokoll_pA-B_handlingar/
  schemas/                              de officiella scheman som METS och PREMIS följer, med katalog
  documentation/README.txt              denna fil
  documentation/certificates/           certifikaten som signaturerna kedjar till
  SHA256SUMS                            SHA-256 för varje fil ovan
  SHA256SUMS.p7s                        signaturen över SHA256SUMS (om paketet är signerat)

Signatur
  ${signedSv.replace(/\n/g, '\n  ')}

Justeringar och underskrifter
  Justeringar och underskrifter har registrerats i Samråd av handläggaren utan personlig digital
  underskrift ("recorded without digital signature" i förteckningen). Dokumentens paketsignaturer är
  organisationens, gjorda vid förseglingen.

Utelämnat ur perioden (inte förseglat)
${left}

Förteckningens fält (index.json "entries", index.csv kolumner)${FIELDS_SV}

Så kontrollerar du paketet med vanliga verktyg (i paketets mapp)
${steps(f, 'sv')}

=== ENGLISH ===

What the package is
  An E-ARK SIP following CSIP 2.1 and SIP 2.1 (the Swedish National Archives' FGS Paketstruktur 2.0) with
  the sealed records of the period: attested protocols, paragraphs attested at once (extracts),
  corrections and the collaboration agreements in force at any time during the period. Each document is,
  byte for byte, what was sealed when the record was attested or signed, with the signatures it got then.

Contents
  METS.xml, metadata/descriptive/index.json and index.csv (Samråd's index), metadata/preservation/premis.xml
  (PREMIS 3), representations/rep1/METS.xml and data/ (the documents, each protocol's handlingar beside it
  in …_handlingar/), schemas/, documentation/README.txt, documentation/certificates/, SHA256SUMS and
  SHA256SUMS.p7s: as listed in Swedish above.

Signature
  ${signedEn.replace(/\n/g, '\n  ')}

Attestations and signings
  Attestations and signings were recorded in Samråd by the operator without a personal digital signature
  ("recorded without digital signature" in the index). The documents' package signatures are the
  organisation's, made at sealing.

Left out of the period (not sealed)
${left}

Index fields (index.json "entries", index.csv columns)${FIELDS_EN}

How to check the package with standard tools (in the package folder)
${steps(f, 'en')}
`;
}
