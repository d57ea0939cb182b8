DROP TABLE `processed_events`;--> statement-breakpoint
DROP TABLE `stock_reservations`;