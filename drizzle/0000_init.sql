CREATE TYPE "public"."access_status" AS ENUM('pending', 'approved', 'declined');--> statement-breakpoint
CREATE TYPE "public"."campaign_status" AS ENUM('active', 'paused');--> statement-breakpoint
CREATE TYPE "public"."optimize_for" AS ENUM('epc', 'profit', 'revenue');--> statement-breakpoint
CREATE TYPE "public"."publisher_status" AS ENUM('active', 'pending', 'suspended');--> statement-breakpoint
CREATE TYPE "public"."rotation_mode" AS ENUM('weighted', 'auto');--> statement-breakpoint
CREATE TYPE "public"."smartlink_status" AS ENUM('active', 'paused');--> statement-breakpoint
CREATE TYPE "public"."smartlink_visibility" AS ENUM('ask', 'public', 'private');--> statement-breakpoint
CREATE TYPE "public"."user_role" AS ENUM('admin', 'publisher');--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "api_keys_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"key_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_keys_key_hash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "campaigns_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"destination_url" text NOT NULL,
	"payout" numeric(12, 2) DEFAULT '0' NOT NULL,
	"revenue" numeric(12, 2) DEFAULT '0' NOT NULL,
	"status" "campaign_status" DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "clicks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"smartlink_id" integer NOT NULL,
	"publisher_id" integer NOT NULL,
	"campaign_id" integer,
	"reason" text NOT NULL,
	"destination" text NOT NULL,
	"country" text,
	"device" text NOT NULL,
	"os" text,
	"browser" text,
	"ip" "inet",
	"is_bot" boolean DEFAULT false NOT NULL,
	"is_head" boolean DEFAULT false NOT NULL,
	"is_test" boolean DEFAULT false NOT NULL,
	"pub_sub" text,
	"sub1" text,
	"sub2" text,
	"sub3" text,
	"sub4" text,
	"sub5" text
);
--> statement-breakpoint
CREATE TABLE "pool_entries" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "pool_entries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"smartlink_id" integer NOT NULL,
	"campaign_id" integer NOT NULL,
	"weight" integer DEFAULT 100 NOT NULL,
	"priority" integer DEFAULT 1 NOT NULL,
	"countries" text[] DEFAULT '{}'::text[] NOT NULL,
	"devices" text[] DEFAULT '{}'::text[] NOT NULL,
	CONSTRAINT "pool_entries_weight_check" CHECK ("pool_entries"."weight" >= 0)
);
--> statement-breakpoint
CREATE TABLE "publishers" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "publishers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"email" text NOT NULL,
	"status" "publisher_status" DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "publishers_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE TABLE "smartlink_publishers" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "smartlink_publishers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"smartlink_id" integer NOT NULL,
	"publisher_id" integer NOT NULL,
	"status" "access_status" DEFAULT 'pending' NOT NULL,
	"code" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	CONSTRAINT "smartlink_publishers_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "smartlinks" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "smartlinks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"visibility" "smartlink_visibility" DEFAULT 'ask' NOT NULL,
	"tracking_domain" text,
	"fallback_url" text,
	"status" "smartlink_status" DEFAULT 'active' NOT NULL,
	"rotation" "rotation_mode" DEFAULT 'weighted' NOT NULL,
	"optimize_for" "optimize_for" DEFAULT 'epc' NOT NULL,
	"exploration_clicks" integer DEFAULT 50 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "users_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"email" text NOT NULL,
	"name" text NOT NULL,
	"role" "user_role" NOT NULL,
	"password_hash" text,
	"publisher_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email")
);
--> statement-breakpoint
ALTER TABLE "pool_entries" ADD CONSTRAINT "pool_entries_smartlink_id_smartlinks_id_fk" FOREIGN KEY ("smartlink_id") REFERENCES "public"."smartlinks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_entries" ADD CONSTRAINT "pool_entries_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "smartlink_publishers" ADD CONSTRAINT "smartlink_publishers_smartlink_id_smartlinks_id_fk" FOREIGN KEY ("smartlink_id") REFERENCES "public"."smartlinks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "smartlink_publishers" ADD CONSTRAINT "smartlink_publishers_publisher_id_publishers_id_fk" FOREIGN KEY ("publisher_id") REFERENCES "public"."publishers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_publisher_id_publishers_id_fk" FOREIGN KEY ("publisher_id") REFERENCES "public"."publishers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "clicks_smartlink_id_idx" ON "clicks" USING btree ("smartlink_id","id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "clicks_publisher_id_idx" ON "clicks" USING btree ("publisher_id","id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "clicks_campaign_id_idx" ON "clicks" USING btree ("campaign_id","id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "clicks_created_at_brin" ON "clicks" USING brin ("created_at");--> statement-breakpoint
CREATE INDEX "pool_entries_smartlink_idx" ON "pool_entries" USING btree ("smartlink_id");--> statement-breakpoint
CREATE INDEX "pool_entries_campaign_idx" ON "pool_entries" USING btree ("campaign_id");--> statement-breakpoint
CREATE UNIQUE INDEX "smartlink_publishers_pair_idx" ON "smartlink_publishers" USING btree ("smartlink_id","publisher_id");