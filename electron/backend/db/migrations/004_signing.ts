/**
 * Certificates for signing Word files and for checking signatures. A private key is only
 * ever stored encrypted (scrypt + AES-256-GCM under the keystore passphrase): the CHECKs
 * refuse anything that is not such an envelope.
 */
export const up = /* sql */ `
CREATE TABLE certificate (
  id               INTEGER PRIMARY KEY,
  role             TEXT NOT NULL CHECK (role IN ('signing','ca')),
  origin           TEXT NOT NULL CHECK (origin IN ('local','imported')),
  label            TEXT NOT NULL CHECK (length(trim(label)) > 0),
  subject          TEXT NOT NULL,
  issuer           TEXT NOT NULL,
  serial_number    TEXT NOT NULL,
  valid_from       TEXT NOT NULL,
  valid_to         TEXT NOT NULL,
  fingerprint      TEXT NOT NULL UNIQUE,
  certificate_der  BLOB NOT NULL,
  -- issuer certificates (JSON array of base64 DER), nearest first; sent along in signatures
  chain            TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(chain) AND json_type(chain) = 'array'),
  private_key      TEXT CHECK (
    private_key IS NULL OR (
      json_valid(private_key)
      AND json_extract(private_key, '$.kdf') = 'scrypt'
      AND json_extract(private_key, '$.cipher') = 'aes-256-gcm'
      AND private_key NOT LIKE '%PRIVATE KEY%'
    )
  ),
  trusted          INTEGER NOT NULL DEFAULT 0 CHECK (trusted IN (0,1)),
  active           INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0,1)),
  created_at       TEXT NOT NULL,
  CHECK (valid_to > valid_from),
  CHECK (active = 0 OR (role = 'signing' AND private_key IS NOT NULL))
) STRICT;

-- at most one certificate signs
CREATE UNIQUE INDEX certificate_one_active ON certificate(active) WHERE active = 1;
`;
