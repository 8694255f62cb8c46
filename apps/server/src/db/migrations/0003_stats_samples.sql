CREATE TABLE "stats_samples" (
	"at" timestamp with time zone PRIMARY KEY NOT NULL,
	"seconds" integer NOT NULL,
	"live_sessions" integer,
	"connected_users" integer,
	"recordings_active" integer,
	"bytes_in_per_second" double precision,
	"bytes_out_per_second" double precision,
	"packet_loss_percent" double precision,
	"livekit_rooms" integer,
	"livekit_participants" integer,
	"joins" integer DEFAULT 0 NOT NULL,
	"join_buckets" integer[] NOT NULL,
	"http_4xx" integer DEFAULT 0 NOT NULL,
	"http_5xx" integer DEFAULT 0 NOT NULL
);
