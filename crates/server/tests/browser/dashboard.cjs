// Browser tests of the dashboard, run by .ci/steps/60-browser.sh against a server on 127.0.0.1 with a store
// ingested from tests/fixtures/newsroom.jsonl. Drives Debian's Chromium through playwright-core and saves a
// screenshot of every page it visits. Environment: BASE_URL, CHROMIUM, SHOTS (folder), EXAMPLE (article file).
"use strict";
const fs = require("fs");
const path = require("path");
const { chromium } = require("playwright-core");

const base = process.env.BASE_URL;
const shots = process.env.SHOTS;
const example = process.env.EXAMPLE;
if (!base || !shots || !example) throw new Error("BASE_URL, SHOTS and EXAMPLE must be set");
fs.mkdirSync(shots, { recursive: true });

let failures = 0;
function check(condition, message) {
  if (condition) {
    console.log("  ok   " + message);
  } else {
    console.log("  FAIL " + message);
    failures += 1;
  }
}

// Anything that would mean untrusted text ran: dialogs, injected handlers, javascript: links, extra scripts.
async function assertInert(page, where) {
  const found = await page.evaluate(() => ({
    handlers: document.querySelectorAll("[onerror],[onload],[onmouseover],[onclick]").length,
    jsLinks: Array.from(document.querySelectorAll("a[href]")).filter((a) => /^\s*javascript:/i.test(a.getAttribute("href"))).length,
    scripts: Array.from(document.scripts).filter((s) => !s.src.endsWith("/assets/app.js")).length,
    images: document.querySelectorAll("main img").length,
  }));
  check(found.handlers === 0 && found.jsLinks === 0 && found.scripts === 0 && found.images === 0,
    `${where}: no injected handler, javascript: link, script or image (${JSON.stringify(found)})`);
}

async function shot(page, name) {
  const file = path.join(shots, name + ".png");
  await page.screenshot({ path: file, fullPage: true });
  console.log("  saved " + file);
}

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const dialogs = [];
  page.on("dialog", async (dialog) => { dialogs.push(dialog.message()); await dialog.dismiss(); });
  const pageErrors = [];
  page.on("pageerror", (error) => pageErrors.push(String(error)));

  console.log("overview");
  await page.goto(base + "/");
  check((await page.textContent("h1")) === "Overview", "the overview page opens");
  check(await page.isVisible("text=Busiest dyads"), "it lists the busiest dyads");
  await assertInert(page, "overview");
  await shot(page, "01-overview");

  console.log("code an article: paste the example article");
  await page.goto(base + "/code");
  const text = fs.readFileSync(example, "utf8");
  await page.fill("#text", text);
  await page.fill("input[name=date]", "2023-11-14");
  await Promise.all([page.waitForURL("**/code"), page.click("button[type=submit]")]);
  const quotes = await page.locator(".quote-list li").count();
  const events = await page.locator("table tr[id^=ev-]").count();
  const triggers = await page.locator("a.trigger").count();
  check(quotes >= 3, `the example article shows its quotes (${quotes})`);
  check(events >= 3, `and its events (${events}), each a row of the table`);
  const referenced = await page.evaluate(() => new Set(Array.from(document.querySelectorAll("a.trigger"))
    .flatMap((t) => t.dataset.events.split(" "))).size);
  check(triggers >= 1 && referenced === events, `every event's trigger is highlighted in the text (${triggers} triggers for ${referenced} events)`);
  const speakers = await page.locator(".card h3 .chip").count();
  check(speakers >= 2, `quotes are grouped by speaker, one colour each (${speakers} speakers)`);
  await page.locator("a.trigger").first().click();
  check(await page.isVisible("#event-card"), "clicking a trigger opens the event card");
  const card = await page.textContent("#event-card");
  check(/Goldstein/.test(card) && /Quad class/.test(card) && /Rule/.test(card), "the card gives Goldstein, quad class and rule");
  await shot(page, "02-code-example-article");

  console.log("code an article: choose a file");
  await page.goto(base + "/code");
  await page.setInputFiles("#file", example);
  await page.waitForFunction(() => document.querySelector("#text").value.length > 100);
  check((await page.inputValue("#text")).includes("Brussels"), "a chosen file is read into the text box");

  console.log("dyad view: choose two actors, click a point");
  await page.goto(base + "/dyads");
  await page.fill("input[name=a]", "ARM");
  await page.fill("input[name=b]", "AZE");
  await page.selectOption("select[name=by]", "week");
  await Promise.all([page.waitForURL("**/dyads/ARM/AZE**"), page.click("button[type=submit]")]);
  const bars = await page.locator("svg.chart a.point").count();
  check(bars >= 10, `the timeline has a clickable point per week (${bars})`);
  check((await page.locator("svg.chart .alert-mark").count()) >= 1, "the alert is marked on the timeline");
  await shot(page, "03-dyad-ARM-AZE");
  const alertPoint = page.locator("svg.chart a.point", { has: page.locator("title", { hasText: "ALERT" }) }).first();
  await Promise.all([page.waitForURL("**period=2024-W10**"), alertPoint.click()]);
  check(await page.isVisible("text=Behind 2024-W10"), "clicking the alert week shows what lies behind it");
  const behind = await page.locator("#point table tbody tr").count();
  check(behind >= 5, `the week's events are listed (${behind})`);
  check((await page.locator("#point .quote-list li").count()) >= 1, "and the quotes of either side that week");
  await assertInert(page, "dyad view");
  await shot(page, "04-dyad-point-2024-W10");

  console.log("alerts: open an alert and its evidence");
  await page.goto(base + "/alerts");
  check(await page.isVisible("text=ARM – AZE"), "the ARM – AZE alert is listed");
  await shot(page, "05-alerts");
  await Promise.all([page.waitForURL("**/alerts/ARM/AZE/2024-03-04**"), page.click("text=Evidence →")]);
  const evidence = await page.locator("table").first().locator("tbody tr").count();
  check(evidence >= 4, `the alert's evidence events are listed (${evidence})`);
  check(await page.isVisible("text=Shelling hits Armenian border villages"), "with the articles they come from");
  await shot(page, "06-alert-evidence");
  await Promise.all([page.waitForURL("**/articles/cauc-1*"), page.locator("table").nth(1).locator("tbody a").first().click()]);
  check((await page.locator("a.trigger").count()) >= 1, "an evidence article opens with its triggers marked");
  await shot(page, "07-evidence-article");

  console.log("search");
  await page.goto(base + "/search");
  await page.fill("input[name=q]", "ceasefire");
  await Promise.all([page.waitForURL("**/search?q=ceasefire"), page.click("button[type=submit]")]);
  const hits = await page.locator(".results li").count();
  check(hits >= 2, `searching finds articles and quotes (${hits})`);
  check((await page.locator(".results mark").count()) >= 1, "with the matches highlighted");
  await shot(page, "08-search");

  console.log("quotes and network");
  await page.goto(base + "/quotes?speaker=Pashinyan");
  check((await page.locator(".quote-list li").count()) >= 2, "quotes by one speaker, each linked to its article");
  await assertInert(page, "quotes");
  await shot(page, "09-quotes");
  await page.goto(base + "/network");
  check((await page.locator("svg.net circle.node").count()) >= 5, "the network shows the actors");
  await shot(page, "10-network");

  console.log("hostile article: markup in every field stays text");
  const hostile = "/articles/" + encodeURIComponent("hostile-\"><img src=x onerror=alert(1)>");
  await page.goto(base + hostile);
  check((await page.textContent("h1")).includes("<script>"), "the hostile title shows as text");
  await assertInert(page, "hostile article");
  await shot(page, "11-hostile-article");
  await page.goto(base + "/search?q=sabotaging");
  await assertInert(page, "search for the hostile article");
  await page.goto(base + "/quotes?q=answer");
  await assertInert(page, "quotes of the hostile article");

  check(dialogs.length === 0, `no dialog opened anywhere (${JSON.stringify(dialogs)})`);
  check(pageErrors.length === 0, `no script error on any page (${JSON.stringify(pageErrors)})`);
  await browser.close();
  if (failures > 0) {
    console.log(`${failures} browser check(s) failed`);
    process.exit(1);
  }
  console.log("all browser checks passed");
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
