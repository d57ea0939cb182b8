CREATE TABLE `addresses` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`member_id` bigint unsigned NOT NULL,
	`recipient` varchar(32) NOT NULL,
	`phone` varchar(20) NOT NULL,
	`province_code` char(6) NOT NULL,
	`city_code` char(6) NOT NULL,
	`district_code` char(6) NOT NULL,
	`region_text` varchar(100) NOT NULL,
	`detail` varchar(200) NOT NULL,
	`is_default` boolean NOT NULL DEFAULT false,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `addresses_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `growth_entries` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`member_id` bigint unsigned NOT NULL,
	`delta` bigint NOT NULL,
	`balance_after` bigint NOT NULL,
	`idempotency_key` varchar(100) NOT NULL,
	`note` varchar(200),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `growth_entries_id` PRIMARY KEY(`id`),
	CONSTRAINT `growth_entries_key_uq` UNIQUE(`member_id`,`idempotency_key`)
);
--> statement-breakpoint
CREATE TABLE `members` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`openid` varchar(64) NOT NULL,
	`unionid` varchar(64),
	`nickname` varchar(32) NOT NULL,
	`avatar` varchar(500),
	`phone` varchar(20),
	`growth` bigint NOT NULL DEFAULT 0,
	`points` bigint NOT NULL DEFAULT 0,
	`wallet_balance` bigint NOT NULL DEFAULT 0,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `members_id` PRIMARY KEY(`id`),
	CONSTRAINT `members_openid_uq` UNIQUE(`openid`),
	CONSTRAINT `members_phone_uq` UNIQUE(`phone`),
	CONSTRAINT `members_growth_nonnegative` CHECK(growth >= 0),
	CONSTRAINT `members_points_nonnegative` CHECK(points >= 0),
	CONSTRAINT `members_wallet_nonnegative` CHECK(wallet_balance >= 0)
);
--> statement-breakpoint
CREATE TABLE `points_entries` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`member_id` bigint unsigned NOT NULL,
	`kind` enum('EARN','SPEND','EXPIRE','ADJUST') NOT NULL,
	`delta` bigint NOT NULL,
	`balance_after` bigint NOT NULL,
	`remaining` bigint NOT NULL DEFAULT 0,
	`expires_at` datetime(3),
	`idempotency_key` varchar(100) NOT NULL,
	`reference` varchar(100),
	`note` varchar(200),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `points_entries_id` PRIMARY KEY(`id`),
	CONSTRAINT `points_entries_key_uq` UNIQUE(`member_id`,`idempotency_key`)
);
--> statement-breakpoint
CREATE TABLE `recharge_rules` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`threshold` bigint NOT NULL,
	`bonus` bigint NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `recharge_rules_id` PRIMARY KEY(`id`),
	CONSTRAINT `recharge_rules_threshold_uq` UNIQUE(`threshold`)
);
--> statement-breakpoint
CREATE TABLE `refresh_tokens` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`family_id` char(36) NOT NULL,
	`token_hash` char(64) NOT NULL,
	`subject_kind` enum('MEMBER','STAFF') NOT NULL,
	`subject_id` bigint unsigned NOT NULL,
	`expires_at` datetime(3) NOT NULL,
	`rotated_at` datetime(3),
	`revoked_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `refresh_tokens_id` PRIMARY KEY(`id`),
	CONSTRAINT `refresh_tokens_hash_uq` UNIQUE(`token_hash`)
);
--> statement-breakpoint
CREATE TABLE `staff_accounts` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`account` varchar(32) NOT NULL,
	`password_hash` varchar(255) NOT NULL,
	`role` enum('MERCHANT','ADMIN') NOT NULL,
	`shop_id` bigint unsigned,
	`failed_attempts` int NOT NULL DEFAULT 0,
	`locked_until` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `staff_accounts_id` PRIMARY KEY(`id`),
	CONSTRAINT `staff_accounts_account_uq` UNIQUE(`account`)
);
--> statement-breakpoint
CREATE TABLE `wallet_entries` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`member_id` bigint unsigned NOT NULL,
	`kind` enum('RECHARGE','BONUS','REFUND','PAY','ADJUST') NOT NULL,
	`delta` bigint NOT NULL,
	`balance_after` bigint NOT NULL,
	`idempotency_key` varchar(100) NOT NULL,
	`reference` varchar(100),
	`note` varchar(200),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `wallet_entries_id` PRIMARY KEY(`id`),
	CONSTRAINT `wallet_entries_key_uq` UNIQUE(`member_id`,`idempotency_key`,`kind`)
);
--> statement-breakpoint
CREATE TABLE `wechat_sessions` (
	`member_id` bigint unsigned NOT NULL,
	`session_key` varchar(64) NOT NULL,
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `wechat_sessions_member_id` PRIMARY KEY(`member_id`)
);
--> statement-breakpoint
CREATE INDEX `addresses_member_idx` ON `addresses` (`member_id`,`id`);--> statement-breakpoint
CREATE INDEX `members_unionid_idx` ON `members` (`unionid`);--> statement-breakpoint
CREATE INDEX `points_entries_member_idx` ON `points_entries` (`member_id`,`id`);--> statement-breakpoint
CREATE INDEX `points_entries_expiry_idx` ON `points_entries` (`expires_at`,`remaining`);--> statement-breakpoint
CREATE INDEX `refresh_tokens_family_idx` ON `refresh_tokens` (`family_id`);--> statement-breakpoint
CREATE INDEX `wallet_entries_member_idx` ON `wallet_entries` (`member_id`,`id`);