CREATE TABLE `inbound_addresses` (
	`tenant_id` text PRIMARY KEY NOT NULL,
	`address` text NOT NULL,
	`nonce` text NOT NULL,
	`requested_at` text NOT NULL,
	`confirmed_at` text,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inbound_addresses_confirmed` ON `inbound_addresses` (`address`) WHERE "inbound_addresses"."confirmed_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `inbound_addresses_address` ON `inbound_addresses` (`address`);--> statement-breakpoint
DROP INDEX `tenants_inbound_address`;--> statement-breakpoint
INSERT INTO `inbound_addresses` (`tenant_id`, `address`, `nonce`, `requested_at`)
  SELECT `id`, `procedure` ->> '$.inbound.address', lower(hex(randomblob(16))), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
  FROM `tenants` WHERE (`procedure` ->> '$.inbound.address') IS NOT NULL;
