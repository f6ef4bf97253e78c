CREATE TABLE sequence_versions (
	pk          INTEGER PRIMARY KEY,
	sequence_pk INTEGER NOT NULL REFERENCES sequences(pk),
	version     INTEGER NOT NULL,
	definition  TEXT NOT NULL,
	created_at  INTEGER NOT NULL,
	UNIQUE (sequence_pk, version)
);
INSERT INTO sequence_versions (sequence_pk, version, definition, created_at)
	SELECT pk, 1, definition, updated_at FROM sequences;

CREATE TABLE enrolments_pinned (
	pk          INTEGER PRIMARY KEY,
	sequence_pk INTEGER NOT NULL REFERENCES sequences(pk),
	version_pk  INTEGER NOT NULL REFERENCES sequence_versions(pk),
	contact_id  TEXT NOT NULL REFERENCES contacts(id),
	status      TEXT NOT NULL CHECK (status IN ('active', 'completed', 'cancelled')),
	pc          INTEGER NOT NULL,
	due_at      INTEGER NOT NULL,
	enrolled_at INTEGER NOT NULL,
	ended_at    INTEGER
);
INSERT INTO enrolments_pinned (pk, sequence_pk, version_pk, contact_id, status, pc, due_at, enrolled_at, ended_at)
	SELECT e.pk, e.sequence_pk, v.pk, e.contact_id, e.status, e.pc, e.due_at, e.enrolled_at, e.ended_at
	FROM enrolments e JOIN sequence_versions v ON v.sequence_pk = e.sequence_pk AND v.version = 1;
DROP TABLE enrolments;
ALTER TABLE enrolments_pinned RENAME TO enrolments;
CREATE UNIQUE INDEX enrolments_one_active ON enrolments(sequence_pk, contact_id) WHERE status = 'active';
CREATE INDEX enrolments_due ON enrolments(due_at) WHERE status = 'active';
CREATE INDEX enrolments_by_sequence ON enrolments(sequence_pk, status, contact_id);
