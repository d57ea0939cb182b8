CREATE TABLE `ended_orders` (
	`owner` varchar(64) NOT NULL,
	`order_no` varchar(64) NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `ended_orders_owner_order_no_pk` PRIMARY KEY(`owner`,`order_no`)
);
--> statement-breakpoint
ALTER TABLE `coupon_templates` ADD `per_member_use_limit` int;--> statement-breakpoint
ALTER TABLE `coupon_templates` ADD `discount_given` bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `coupon_templates` ADD `order_amount` bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `coupons` ADD `discount_amount` bigint;--> statement-breakpoint
ALTER TABLE `coupons` ADD `order_amount` bigint;