CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value INTEGER NOT NULL
);
CREATE TABLE templates (
	id         TEXT PRIMARY KEY,
	name       TEXT NOT NULL,
	subject    TEXT NOT NULL,
	created_at INTEGER NOT NULL
);
CREATE TABLE contacts (
	id         TEXT PRIMARY KEY,
	email      TEXT NOT NULL,
	attributes TEXT NOT NULL,
	subscribed INTEGER NOT NULL,
	created_at INTEGER NOT NULL
);
CREATE TABLE contact_events (
	pk         INTEGER PRIMARY KEY,
	contact_id TEXT NOT NULL REFERENCES contacts(id),
	name       TEXT NOT NULL,
	at         INTEGER NOT NULL
);
CREATE INDEX contact_events_by_contact ON contact_events(contact_id, at);
CREATE TABLE sequences (
	pk         INTEGER PRIMARY KEY,
	id         TEXT NOT NULL,
	name       TEXT NOT NULL,
	definition TEXT NOT NULL,
	status     TEXT NOT NULL CHECK (status IN ('draft', 'active', 'paused')),
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL,
	deleted_at INTEGER
);
CREATE UNIQUE INDEX sequences_live_id ON sequences(id) WHERE deleted_at IS NULL;
CREATE TABLE sequence_triggers (
	sequence_pk INTEGER NOT NULL REFERENCES sequences(pk),
	position    INTEGER NOT NULL,
	type        TEXT NOT NULL CHECK (type IN ('event', 'segment')),
	event_name  TEXT,
	segment_id  TEXT,
	PRIMARY KEY (sequence_pk, position)
);
CREATE INDEX sequence_triggers_by_event ON sequence_triggers(event_name) WHERE type = 'event';
CREATE TABLE enrolments (
	pk          INTEGER PRIMARY KEY,
	sequence_pk INTEGER NOT NULL REFERENCES sequences(pk),
	contact_id  TEXT NOT NULL REFERENCES contacts(id),
	status      TEXT NOT NULL CHECK (status IN ('active', 'completed', 'cancelled')),
	pc          INTEGER NOT NULL,
	due_at      INTEGER NOT NULL,
	enrolled_at INTEGER NOT NULL,
	ended_at    INTEGER
);
CREATE UNIQUE INDEX enrolments_one_active ON enrolments(sequence_pk, contact_id) WHERE status = 'active';
CREATE INDEX enrolments_due ON enrolments(due_at) WHERE status = 'active';
CREATE INDEX enrolments_by_sequence ON enrolments(sequence_pk, status, contact_id);
CREATE TABLE sends (
	pk          INTEGER PRIMARY KEY,
	sequence_pk INTEGER NOT NULL REFERENCES sequences(pk),
	contact_id  TEXT NOT NULL REFERENCES contacts(id),
	template_id TEXT NOT NULL,
	status      TEXT NOT NULL,
	created_at  INTEGER NOT NULL
);
CREATE INDEX sends_by_sequence ON sends(sequence_pk, pk);
