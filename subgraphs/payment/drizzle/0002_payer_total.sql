ALTER TABLE `payments` ADD `payer_total` bigint;--> statement-breakpoint
ALTER TABLE `payments` ADD CONSTRAINT `payments_payer_total_within_amount` CHECK (payer_total IS NULL OR (payer_total >= 0 AND payer_total <= amount));--> statement-breakpoint
-- A wallet payment was paid by the payer in full; WeChat payments settled before now kept no payer_total (null: not known).
UPDATE `payments` SET `payer_total` = `amount` WHERE `status` = 'SUCCEEDED' AND `method` = 'BALANCE';
