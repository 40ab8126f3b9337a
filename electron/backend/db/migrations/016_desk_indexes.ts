/**
 * Indexes for the secretary's desk (desk.get, on the home page), so that twenty years of
 * attested protocols are not read to find the few it lists (see the EXPLAIN QUERY PLAN test
 * beside this file and electron/backend/meetings/query-plans.test.ts).
 */
export const up = /* sql */ `
-- "awaiting justering": the protocols not yet attested, a handful however many are
CREATE INDEX protocol_unattested ON protocol(meeting_id) WHERE status <> 'attested';
-- "to be announced": the protocols attested lately, found by their attestations' date
CREATE INDEX attestation_date ON attestation(date, meeting_id);
`;
