ALTER TABLE `checkouts` ADD `coupon_hold` varchar(64);--> statement-breakpoint
ALTER TABLE `order_lines` ADD `discounts` json;--> statement-breakpoint
ALTER TABLE `orders` ADD `coupon_hold` varchar(64);