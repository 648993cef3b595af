CREATE TABLE "import_id_aliases" (
	"alias" text PRIMARY KEY NOT NULL,
	"lead_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_pending_refs" (
	"id" serial PRIMARY KEY NOT NULL,
	"target_table" text NOT NULL,
	"target_key" text NOT NULL,
	"column_name" text NOT NULL,
	"ref_table" text NOT NULL,
	"ref_id" text NOT NULL,
	"source_file" text NOT NULL,
	"line" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "import_pending_refs_row_idx" ON "import_pending_refs" USING btree ("target_table","target_key","column_name","ref_id");--> statement-breakpoint
CREATE INDEX "import_pending_refs_ref_idx" ON "import_pending_refs" USING btree ("ref_table","ref_id");