CREATE TABLE `coupon_codes` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`template_id` bigint unsigned NOT NULL,
	`code` varchar(32) NOT NULL,
	`shared` boolean NOT NULL DEFAULT false,
	`redeemed_by` bigint unsigned,
	`redeemed_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `coupon_codes_id` PRIMARY KEY(`id`),
	CONSTRAINT `coupon_codes_code_uq` UNIQUE(`code`)
);
--> statement-breakpoint
CREATE TABLE `coupon_grants` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`template_id` bigint unsigned NOT NULL,
	`idempotency_key` varchar(100) NOT NULL,
	`granted_by` varchar(40) NOT NULL,
	`granted` json NOT NULL,
	`skipped` json NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `coupon_grants_id` PRIMARY KEY(`id`),
	CONSTRAINT `coupon_grants_key_uq` UNIQUE(`template_id`,`idempotency_key`)
);
--> statement-breakpoint
CREATE INDEX `coupon_codes_template_idx` ON `coupon_codes` (`template_id`,`id`);