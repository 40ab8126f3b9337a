/**
 * Indexes for `samrad check`'s seal check (records/verify-seal.ts), which without them read
 * every § row and every sealed document of twenty years to pick the few it re-checks.
 */
export const up = /* sql */ `
-- the §§ attested at once, a handful among every §, each asked whether its extract was sealed
CREATE INDEX paragraph_immediately_attested ON paragraph(immediately_attested_at) WHERE immediately_attested_at IS NOT NULL;
-- the records sealed since the last checkpoint, and the sample of the older ones, chosen by time
-- alone (sealed_at sits behind each record's document, so reading it from the row reads the document)
CREATE INDEX sealed_record_sealed_at ON sealed_record(sealed_at);
`;
