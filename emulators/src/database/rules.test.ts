/** Rule expressions and rule-tree semantics, evaluated without a server. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { type AuthContext, evaluate, RuleEvalError } from "./rules/evaluate.js";
import { parseExpression, RuleSyntaxError } from "./rules/parser.js";
import { RuleSet, RulesError } from "./rules/ruleset.js";
import { type MaybeNode, nodeFromJson } from "./tree.js";

const alice: AuthContext = {
  uid: "alice",
  provider: "password",
  token: { email_verified: true, role: "admin", sub: "alice" },
};

function run(
  source: string,
  data: unknown = null,
  auth: AuthContext | null = alice,
  newData?: unknown,
): unknown {
  const root = nodeFromJson(data);
  return evaluate(parseExpression(source), {
    auth,
    variables: new Map([["$uid", "alice"]]),
    root,
    newRoot: newData === undefined ? undefined : nodeFromJson(newData),
    path: ["users", "alice"],
    now: 1000,
  });
}

test("operators follow JavaScript precedence and strict equality", () => {
  assert.equal(run("1 + 2 * 3 == 7 && !(4 % 3 != 1)"), true);
  assert.equal(run("'a' + 1 === 'a1' ? 10 - 4 / 2 : 0"), 8);
  assert.equal(run("2 >= 2 && 'b' > 'a' && -3 < 0"), true);
  assert.equal(run("'1' == 1"), false);
  assert.equal(run("now === 1000 && $uid == auth.uid"), true);
});

test("auth, token claims and string methods", () => {
  assert.equal(
    run("auth.token.email_verified == true && auth.token.role == 'admin' && auth.provider == 'password'"),
    true,
  );
  assert.equal(run("auth.token.missing == null"), true);
  assert.equal(run("auth == null", null, null), true);
  assert.equal(
    run("'Hello'.toLowerCase().contains('ell') && 'abc'.beginsWith('ab') && 'abc'.endsWith('bc')"),
    true,
  );
  assert.equal(
    run("'a-b-c'.replace('-', '+') == 'a+b+c' && 'abc'.toUpperCase() == 'ABC' && 'abc'.length == 3"),
    true,
  );
  assert.equal(run("'user@example.com'.matches(/^[^@]+@example\\.com$/i)"), true);
  assert.equal(run("10 / 4 * 2 == 5"), true);
  assert.throws(() => run("auth.uid.foo()"), RuleEvalError);
  assert.throws(() => run("auth.uid", null, null), RuleEvalError);
});

test("snapshots: data, newData, root, child, parent, hasChildren, priority and types", () => {
  const data = {
    users: { alice: { name: "Alice", age: 30, ".priority": 5, admin: true } },
    config: { open: true },
  };
  assert.equal(
    run(
      "data.child('name').val() == 'Alice' && data.child('age').isNumber() && data.child('admin').isBoolean()",
      data,
    ),
    true,
  );
  assert.equal(
    run("data.hasChildren(['name', 'age']) && !data.hasChildren(['nope']) && data.hasChildren()", data),
    true,
  );
  assert.equal(
    run("data.getPriority() == 5 && data.parent().parent().child('config/open').val() == true", data),
    true,
  );
  assert.equal(run("root.child('users/' + auth.uid).exists() && data.hasChild('name')", data), true);
  assert.equal(
    run("newData.child('name').isString() && !newData.child('age').exists()", data, alice, {
      users: { alice: { name: "A" } },
    }),
    true,
  );
  assert.equal(run("data.isString() && data.val() == 'leaf'", { users: { alice: "leaf" } }), true);
});

test("syntax errors are reported", () => {
  assert.throws(() => parseExpression("auth.uid =="), RuleSyntaxError);
  assert.throws(() => parseExpression("(a"), RuleSyntaxError);
  assert.throws(() => new RuleSet('{"rules": {"x": {".read": "auth.uid ==="}}}', () => {}), /\/x\/\.read/);
  assert.throws(() => new RuleSet('{"rules": {".reed": true}}', () => {}), RulesError);
  assert.throws(() => new RuleSet('{"rules": {"$a": {}, "$b": {}}}', () => {}), /two wildcards/);
});

const RULES = new RuleSet(
  JSON.stringify({
    rules: {
      open: { ".read": true, ".write": true, deep: { ".write": false, ".validate": "newData.isString()" } },
      users: {
        $uid: {
          ".write": "auth.uid == $uid",
          ".validate": "newData.hasChildren(['name'])",
          name: { ".validate": "newData.isString()" },
          $other: { ".validate": false },
        },
      },
      shared: { a: { ".write": true }, b: { ".write": true } },
    },
  }),
  () => {},
);

function canWrite(
  before: unknown,
  after: unknown,
  paths: string[][],
  auth: AuthContext | null = alice,
): boolean {
  const oldRoot: MaybeNode = nodeFromJson(before);
  return RULES.canWrite(paths, { auth, oldRoot, newRoot: nodeFromJson(after), now: 0 });
}

test("read and write cascade down; a false below does not revoke", () => {
  const root = nodeFromJson({ open: { deep: "x" } });
  assert.equal(RULES.canRead(["open", "deep", "er"], null, root, 0), true);
  assert.equal(RULES.canRead(["users", "alice"], alice, root, 0), false);
  assert.equal(canWrite(null, { open: { deep: "y" } }, [["open", "deep"]], null), true);
});

test("validate holds on every written location and ancestors, never on deletes", () => {
  assert.equal(canWrite(null, { users: { alice: { name: "A" } } }, [["users", "alice"]]), true);
  assert.equal(canWrite(null, { users: { alice: { name: 1 } } }, [["users", "alice"]]), false);
  assert.equal(canWrite(null, { users: { alice: { name: "A", extra: 1 } } }, [["users", "alice"]]), false);
  assert.equal(
    canWrite({ users: { alice: { name: "A" } } }, { users: { alice: { name: "A", extra: 1 } } }, [
      ["users", "alice", "extra"],
    ]),
    false,
  );
  assert.equal(canWrite({ users: { alice: { name: "A", x: 1 } } }, null, [["users", "alice"]]), true);
  assert.equal(canWrite(null, { users: { bob: { name: "B" } } }, [["users", "bob"]]), false);
  assert.equal(canWrite(null, { open: { deep: 3 } }, [["open"]]), false);
});

test("without a grant above, a write is allowed when every changed child is granted", () => {
  assert.equal(canWrite(null, { shared: { a: 1, b: 2 } }, [["shared"]]), true);
  assert.equal(canWrite(null, { shared: { a: 1, c: 2 } }, [["shared"]]), false);
});
