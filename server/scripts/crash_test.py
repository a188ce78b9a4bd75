#!/usr/bin/env python3
"""Crash safety, measured: runs learners' "lesson done" writes and household imports against the
release server, kills it with SIGKILL at random moments, restarts it, and at the end checks that
every write the server acknowledged (303) is stored exactly once, that every import ended (done,
checked, rejected or failed; never stuck), and on SQLite that `PRAGMA integrity_check` is ok.
Prints figures; exits 1 if a check fails. Run through server/scripts/crash-test.sh."""

import http.client
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import uuid

BIN = os.environ["BIN"]
WORK = os.environ["WORK"]
DATABASE_URL = os.environ["DATABASE_URL"]
PASSWORD = os.environ["NONGDIAN_PASSWORD"]
KILLS = int(os.environ.get("KILLS", "20"))
WRITERS = int(os.environ.get("WRITERS", "8"))
PORT = int(os.environ["PORT"])
ORIGIN = f"http://127.0.0.1:{PORT}"
ENDED = {"done", "checked", "rejected", "failed"}


def query(sql):
    """Rows of a read-only query, on either engine."""
    if DATABASE_URL.startswith("sqlite:"):
        path = DATABASE_URL.split("://", 1)[1].split("?", 1)[0]
        with sqlite3.connect(path) as db:
            return db.execute(sql).fetchall()
    out = subprocess.run(["psql", DATABASE_URL, "-At", "-F", "\t", "-c", sql],
                         check=True, capture_output=True, text=True).stdout
    return [tuple(line.split("\t")) for line in out.splitlines() if line]


def start_server():
    env = dict(os.environ, LEPTOS_SITE_ADDR=f"127.0.0.1:{PORT}", RUST_LOG="warn")
    log = open(os.path.join(WORK, "server.log"), "ab")
    server = subprocess.Popen([os.path.join(BIN, "server"), "serve"], env=env, stdout=log, stderr=log)
    for _ in range(300):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.1)
    sys.exit("the server did not start; see server.log")


def post(path, body, cookie, content_type="application/x-www-form-urlencoded"):
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
    headers = {"Origin": ORIGIN, "Cookie": cookie, "Content-Type": content_type}
    conn.request("POST", path, body=body, headers=headers)
    response = conn.getresponse()
    response.read()
    return response


class Writers:
    """Learners posting "lesson done" until the server dies. A click the server never answered is
    sent again with the same event id after the restart, as the phone would, so a write that was
    stored but not acknowledged must not be stored twice."""

    def __init__(self, tokens, lessons):
        self.tokens, self.lessons = tokens, lessons
        self.acked, self.unanswered, self.retried, self.lock = [], [], 0, threading.Lock()

    def next_click(self):
        with self.lock:
            if self.unanswered:
                self.retried += 1
                return self.unanswered.pop()
        event = f"crash-{uuid.uuid4().hex[:20]}"
        return event, random.choice(self.tokens), random.choice(self.lessons)

    def run(self):
        while True:
            click = self.next_click()
            event, token, lesson = click
            try:
                reply = post(f"/learning/lessons/{lesson}/complete", f"event_id={event}",
                             f"nd_session={token}")
            except OSError:
                with self.lock:
                    self.unanswered.append(click)
                return  # killed: whatever was not answered was not acknowledged
            if reply.status == 303:
                with self.lock:
                    self.acked.append(event)


def with_check(body):
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    total = sum(int(c) * w for c, w in zip(body, weights))
    return body + "10X98765432"[total % 11]


def households_file(cycle, village, count):
    lines = ["户编号,村,姓名,性别,出生年份,与户主关系,身份证号,手机号,文化程度,劳动技能,人员类别,贫困户类型,主要致贫原因"]
    for i in range(count):
        day = i % 28 + 1
        body = f"46{cycle:02d}01198001{day:02d}{i % 1000:03d}"
        lines.append(f"C{cycle}-{i},{village},户主{i},男,1980,户主,{with_check(body)},,初中,,建档立卡户,一般户,缺技术")
    return ("\r\n".join(lines) + "\r\n").encode()


def upload(cookie, data):
    boundary = uuid.uuid4().hex
    parts = [f"--{boundary}\r\nContent-Disposition: form-data; name=\"encoding\"\r\n\r\nauto\r\n".encode(),
             f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"crash.csv\"\r\n"
             f"Content-Type: text/csv\r\n\r\n".encode(), data, f"\r\n--{boundary}--\r\n".encode()]
    try:
        reply = post("/households/import", b"".join(parts), cookie, f"multipart/form-data; boundary={boundary}")
        return reply.status == 303 and (reply.getheader("location") or "").startswith("/imports/")
    except OSError:
        return False


def sign_in(login):
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    conn.request("POST", "/auth/sign-in", body=f"login={login}&password={PASSWORD}",
                 headers={"Origin": ORIGIN, "Content-Type": "application/x-www-form-urlencoded"})
    response = conn.getresponse()
    cookies = [c.split(";")[0] for k, c in response.getheaders() if k.lower() == "set-cookie"]
    return "; ".join(c for c in cookies if c.startswith("nd_session="))


def main():
    tokens = [t for t in open(os.path.join(WORK, "tokens")).read().split() if t]
    lessons = [row[0] for row in query("SELECT id FROM lessons ORDER BY id LIMIT 10")]
    village = query("SELECT v.code FROM regions v JOIN regions t ON t.id = v.parent_id "
                    "JOIN users u ON u.region_id = t.parent_id WHERE u.login = 'demo-office' "
                    "AND v.code IS NOT NULL LIMIT 1")[0][0]
    writers, uploads, sent, killed_at = Writers(tokens, lessons), 0, 0, []
    for cycle in range(KILLS):
        server = start_server()
        office = sign_in("demo-office")
        threads = [threading.Thread(target=writers.run) for _ in range(WRITERS)]
        for thread in threads:
            thread.start()
        if cycle % 2 == 0:
            sent += 1
            # Refused while the office's previous import still runs (its dead server's lease).
            uploads += upload(office, households_file(cycle, village, 3000))
        moment = random.uniform(0.3, 3.0)
        time.sleep(moment)
        server.send_signal(signal.SIGKILL)
        server.wait()
        killed_at.append(moment)
        for thread in threads:
            thread.join()
    server = start_server()
    # A job whose server died is taken over when its lease (60 s) runs out.
    deadline, states = time.time() + 240, []
    while time.time() < deadline:
        states = [row[0] for row in query("SELECT status FROM household_imports")]
        if all(s in ENDED for s in states):
            break
        time.sleep(2)
    report(writers, (uploads, sent), states, killed_at)
    server.send_signal(signal.SIGTERM)
    server.wait()


def report(writers, uploads, states, killed_at):
    acked = writers.acked
    stored = {row[0] for row in query("SELECT event_id FROM progress_events WHERE event_id LIKE 'crash-%'")}
    doubled = query("SELECT COUNT(*) FROM (SELECT user_id, event_id FROM progress_events "
                    "GROUP BY user_id, event_id HAVING COUNT(*) > 1) d")[0][0]
    # The learner's count of lessons is written in the same transaction as the completion.
    torn = query("SELECT COUNT(*) FROM learner_facts f WHERE f.lessons_completed <> "
                 "(SELECT COUNT(*) FROM lesson_progress p WHERE p.user_id = f.user_id "
                 "AND p.completed_at IS NOT NULL)")[0][0]
    missing = [e for e in acked if e not in stored]
    stuck = [s for s in states if s not in ENDED]
    by_state = {s: states.count(s) for s in sorted(set(states))}
    integrity = query("PRAGMA integrity_check")[0][0] if DATABASE_URL.startswith("sqlite:") else "n/a (PostgreSQL)"
    print(f"  kills                      {len(killed_at)} (at {min(killed_at):.1f}–{max(killed_at):.1f} s into each run)")
    print(f"  writes acknowledged        {len(acked)}")
    print(f"  unanswered clicks resent   {writers.retried} (same event id, after the restart)")
    print(f"  acknowledged and stored    {len(acked) - len(missing)}  (missing: {len(missing)})")
    print(f"  doubled writes             {doubled}")
    print(f"  learners' counts off       {torn}")
    print(f"  imports accepted           {uploads[0]} of {uploads[1]} sent; ended {by_state}; stuck {len(stuck)}")
    print(f"  integrity_check            {integrity}")
    if missing or int(doubled) or int(torn) or stuck or integrity not in ("ok", "n/a (PostgreSQL)"):
        sys.exit(1)


if __name__ == "__main__":
    main()
