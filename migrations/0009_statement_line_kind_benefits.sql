ALTER TYPE "public"."statement_line_kind" ADD VALUE 'EMPLOYER_CONTRIBUTION';--> statement-breakpoint
ALTER TYPE "public"."statement_line_kind" ADD VALUE 'IMPUTED_INCOME';