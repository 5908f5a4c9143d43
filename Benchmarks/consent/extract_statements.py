"""Prints a pgbench script of the profile view's statements, taken from the Swift sources:
the view (ProfileViewQuery.sql, target by profile id) and the purchase summary
(PurchaseSummaryService.totalsByCurrency), for a random profile of the seeded 20,000.
Used by scripts/bench-consent-overhead."""
import re

def swift_literal(path, start_marker):
    text = open(path).read()
    start = text.index('"""', text.index(start_marker)) + 3
    end = text.index('"""', start)
    return text[start:end]

view = swift_literal("Sources/AtelierDomain/Profiles/ProfileViewQuery.swift", "private static func sql(target:")
view = view.replace("\\(target)", "SELECT profile_id AS requested_id, canonical_id FROM profiles "
                    "WHERE tenant_id = $1 AND profile_id = $2::uuid")
view = view.replace("\\(ExperienceSummary.window)", "200")
totals = swift_literal("Sources/AtelierDomain/Commerce/PurchaseSummaryService.swift", "totalsByCurrency =")
totals = totals.replace("\\(ReturnSubmission.cancelled)", "cancelled")

def pgbench(sql, profile_array):
    sql = re.sub(r"\s+", " ", sql).strip()
    sql = sql.replace("$1", ":tenant::uuid")
    sql = sql.replace("$2::uuid[]", profile_array).replace("$2::uuid", "md5('p' || :n)::uuid").replace("$2", profile_array)
    return sql + ";"

print("\\set n random(1, 20000)")
print(pgbench(view, "ARRAY[md5('p' || :n)::uuid]"))
print(pgbench(totals, "ARRAY[md5('p' || :n)::uuid]"))
