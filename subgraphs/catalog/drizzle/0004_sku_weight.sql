ALTER TABLE `skus` ADD `weight_grams` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `skus` ADD CONSTRAINT `skus_weight_within_bounds` CHECK (weight_grams BETWEEN 0 AND 1000000);