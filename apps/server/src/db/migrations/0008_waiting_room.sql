CREATE TABLE "lobby_entries" (
	"session_id" uuid NOT NULL,
	"identity" text NOT NULL,
	"user_id" text NOT NULL,
	"display_name" text NOT NULL,
	"status" text NOT NULL,
	"knocked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" text,
	CONSTRAINT "lobby_entries_session_id_identity_pk" PRIMARY KEY("session_id","identity"),
	CONSTRAINT "lobby_entries_status_check" CHECK ("lobby_entries"."status" in ('waiting', 'admitted', 'denied'))
);
--> statement-breakpoint
ALTER TABLE "live_sessions" ADD COLUMN "waiting_room" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "lobby_entries" ADD CONSTRAINT "lobby_entries_session_id_live_sessions_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."live_sessions"("session_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "lobby_entries_status_idx" ON "lobby_entries" USING btree ("session_id","status","knocked_at");