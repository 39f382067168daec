// Tenants, users, tokens, the audit log and the first start, against every store: names are
// checked with a message that names the field, duplicates are refused as such, a token works
// until it is revoked and only its hash is stored, and two replicas starting together on one
// database create exactly one admin.
#include <gtest/gtest.h>

#include <thread>

#include "audit/audit_log.hpp"
#include "host_digest.hpp"
#include "identity/bootstrap.hpp"
#include "identity/identity.hpp"
#include "identity/names.hpp"
#include "platform_sql_support.hpp"
#include "store/schema.hpp"

namespace tc::platform {
namespace {

using test::Backend;
using test::TestStore;

class Identity : public ::testing::TestWithParam<Backend> {
 protected:
  Identity() { sql::migrate(db, schema_steps()); }

  template <class Fn>
  auto tx(Fn&& fn) {
    return sql::transact(db, std::forward<Fn>(fn));
  }

  IdentityFailure failure_of(const std::function<void(sql::Connection&)>& fn) {
    try {
      tx(fn);
    } catch (const IdentityError& e) {
      last_message = e.what();
      return e.failure();
    }
    ADD_FAILURE() << "no IdentityError";
    return IdentityFailure::invalid;
  }

  TestStore store{GetParam()};
  sql::Database& db = store.db();
  std::string last_message;
};

TEST_P(Identity, TenantsAndUsersAreCreatedAndFound) {
  tx([](sql::Connection& c) {
    create_tenant(c, "acme", "ACME Deliveries", 1000);
    create_tenant(c, "boxco", "", 1001);
    create_user(c, "acme", "ann", Role::tenant, 1002);
  });
  tx([](sql::Connection& c) {
    const auto tenants = list_tenants(c);
    ASSERT_EQ(tenants.size(), 2u);
    EXPECT_EQ(tenants[0].name, "acme");
    EXPECT_EQ(tenants[0].display_name, "ACME Deliveries");
    EXPECT_EQ(tenants[1].display_name, "boxco");  // defaults to the name
    const auto ann = find_user(c, "ann");
    ASSERT_TRUE(ann);
    EXPECT_EQ(ann->tenant, "acme");
    EXPECT_EQ(ann->role, Role::tenant);
    EXPECT_EQ(ann->created_ms, 1002);
    EXPECT_FALSE(find_user(c, "bob"));
    EXPECT_FALSE(find_tenant(c, "nobody"));
  });
}

TEST_P(Identity, DuplicatesAreRefusedAsSuch) {
  tx([](sql::Connection& c) {
    create_tenant(c, "acme", "", 1);
    create_user(c, "acme", "ann", Role::owner, 1);
  });
  EXPECT_EQ(failure_of([](sql::Connection& c) { create_tenant(c, "acme", "", 2); }),
            IdentityFailure::exists);
  EXPECT_EQ(last_message, "tenant acme exists");
  EXPECT_EQ(failure_of([](sql::Connection& c) { create_user(c, "acme", "ann", Role::owner, 2); }),
            IdentityFailure::exists);
  EXPECT_EQ(failure_of([](sql::Connection& c) { create_user(c, "none", "bob", Role::owner, 2); }),
            IdentityFailure::not_found);
  EXPECT_EQ(last_message, "no tenant none");
}

TEST_P(Identity, BadNamesAreRefusedNamingTheField) {
  EXPECT_EQ(failure_of([](sql::Connection& c) { create_tenant(c, "Acme", "", 1); }),
            IdentityFailure::invalid);
  EXPECT_EQ(last_message, "tenant name may contain only a-z, 0-9 and '-'");
  EXPECT_EQ(
      failure_of([](sql::Connection& c) { create_tenant(c, "acme", std::string(201, 'x'), 1); }),
      IdentityFailure::invalid);
  tx([](sql::Connection& c) { create_tenant(c, "acme", "", 1); });
  EXPECT_EQ(failure_of([](sql::Connection& c) { create_user(c, "acme", "-ann", Role::owner, 1); }),
            IdentityFailure::invalid);
  EXPECT_EQ(last_message, "user name must start with a letter or a digit");
  tx([](sql::Connection& c) { EXPECT_TRUE(list_tenants(c).size() == 1); });
}

TEST_P(Identity, ATokenWorksUntilRevokedAndOnlyItsHashIsStored) {
  const IssuedToken token = tx([](sql::Connection& c) {
    create_tenant(c, "acme", "", 1);
    create_user(c, "acme", "ann", Role::owner, 1);
    return issue_token(c, "ann", "laptop", 5);
  });
  EXPECT_EQ(token.secret.size(), 4u + 64u);
  EXPECT_EQ(token.secret.rfind("tcp_", 0), 0u);
  tx([&](sql::Connection& c) {
    const auto who = authenticate(c, token.secret);
    ASSERT_TRUE(who);
    EXPECT_EQ(who->user.name, "ann");
    EXPECT_EQ(who->user.tenant, "acme");
    EXPECT_EQ(who->user.role, Role::owner);
    EXPECT_EQ(who->token_id, token.info.id);
    const sql::Result stored = c.exec("SELECT secret_sha256 FROM tokens");
    EXPECT_EQ(stored.text(0, 0), crypto::sha256_hex(token.secret));
    EXPECT_EQ(stored.text(0, 0).find(token.secret.substr(4)), std::string::npos);
  });
  tx([&](sql::Connection& c) {
    std::string wrong = token.secret;
    wrong.back() = wrong.back() == '0' ? '1' : '0';
    EXPECT_FALSE(authenticate(c, wrong));
    EXPECT_FALSE(authenticate(c, ""));
    EXPECT_FALSE(authenticate(c, "tcp_xyz"));
    EXPECT_FALSE(authenticate(c, token.secret + "0"));
    EXPECT_TRUE(revoke_token(c, token.info.id, 9));
    EXPECT_FALSE(revoke_token(c, token.info.id, 10));  // already revoked
    EXPECT_FALSE(revoke_token(c, 999, 10));
    EXPECT_FALSE(authenticate(c, token.secret));
    const auto listed = list_tokens(c, "ann");
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(listed[0].revoked_ms, 9);
  });
}

TEST_P(Identity, TheAuditEntryCommitsWithItsChangeOrNotAtAll) {
  tx([](sql::Connection& c) {
    const Tenant t = create_tenant(c, "acme", "", 10);
    record_audit(c, {.at_ms = 10,
                     .actor = "admin",
                     .tenant_id = t.id,
                     .action = "tenant.create",
                     .target = "tenant acme",
                     .detail = R"({"name":"acme"})"});
  });
  EXPECT_THROW(tx([](sql::Connection& c) {
                 record_audit(c, {.at_ms = 11,
                                  .actor = "admin",
                                  .tenant_id = std::nullopt,
                                  .action = "tenant.create",
                                  .target = "tenant acme",
                                  .detail = "{}"});
                 create_tenant(c, "acme", "", 11);  // refused: the entry goes too
               }),
               IdentityError);
  tx([](sql::Connection& c) {
    const auto all = read_audit(c, {});
    ASSERT_EQ(all.size(), 1u);
    EXPECT_EQ(all[0].action, "tenant.create");
    EXPECT_EQ(all[0].detail, R"({"name":"acme"})");
    AuditQuery later;
    later.from_ms = 11;
    EXPECT_TRUE(read_audit(c, later).empty());
    AuditQuery other_tenant;
    other_tenant.tenant_id = all[0].tenant_id.value() + 1;
    EXPECT_TRUE(read_audit(c, other_tenant).empty());
    AuditQuery same_tenant;
    same_tenant.tenant_id = all[0].tenant_id;
    EXPECT_EQ(read_audit(c, same_tenant).size(), 1u);
  });
}

TEST_P(Identity, TheFirstStartCreatesTheAdminOnce) {
  const auto first = bootstrap_admin(db, 100);
  ASSERT_TRUE(first);
  EXPECT_FALSE(bootstrap_admin(db, 200));
  tx([&](sql::Connection& c) {
    const auto who = authenticate(c, first->secret);
    ASSERT_TRUE(who);
    EXPECT_EQ(who->user.name, "admin");
    EXPECT_EQ(who->user.tenant, "operator");
    EXPECT_EQ(who->user.role, Role::operator_role);
    EXPECT_EQ(read_audit(c, {}).at(0).action, "platform.bootstrap");
  });
}

INSTANTIATE_TEST_SUITE_P(Stores, Identity, ::testing::ValuesIn(test::all_backends()),
                         test::store_name);

class SharedIdentity : public ::testing::TestWithParam<Backend> {};

TEST_P(SharedIdentity, TwoReplicasStartingTogetherCreateOneAdmin) {
  TestStore store(GetParam());
  auto replica = store.open_another();
  ASSERT_NE(replica, nullptr);
  std::optional<IssuedToken> a;
  std::optional<IssuedToken> b;
  std::thread other([&] {
    sql::migrate(*replica, schema_steps());
    b = bootstrap_admin(*replica, 1);
  });
  sql::migrate(store.db(), schema_steps());
  a = bootstrap_admin(store.db(), 1);
  other.join();
  EXPECT_NE(a.has_value(), b.has_value());
  EXPECT_EQ(store.db().acquire()->exec("SELECT count(*) FROM users").scalar(), 1);
}

INSTANTIATE_TEST_SUITE_P(Stores, SharedIdentity,
                         ::testing::Values(Backend::sqlite_file, Backend::postgres),
                         test::store_name);

TEST(Names, AreCheckedWithAReason) {
  EXPECT_EQ(check_name("tenant name", "acme-2"), "");
  EXPECT_EQ(check_name("tenant name", "a"), "");
  EXPECT_EQ(check_name("tenant name", ""), "tenant name is empty");
  EXPECT_EQ(check_name("x", std::string(41, 'a')), "x is 41 characters long; at most 40");
  EXPECT_EQ(check_name("x", std::string(40, 'a')), "");
  EXPECT_EQ(check_name("x", "a_b"), "x may contain only a-z, 0-9 and '-'");
  EXPECT_EQ(check_name("x", "ab-"), "x must not end with '-'");
  EXPECT_EQ(check_name("x", "a b"), "x may contain only a-z, 0-9 and '-'");
}

TEST(Roles, RoundTripByName) {
  for (const Role r : {Role::operator_role, Role::owner, Role::tenant}) {
    EXPECT_EQ(parse_role(role_name(r)), r);
  }
  EXPECT_FALSE(parse_role("admin"));
  EXPECT_EQ(role_name(Role::operator_role), "operator");
}

}  // namespace
}  // namespace tc::platform
