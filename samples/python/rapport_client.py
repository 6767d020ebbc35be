#!/usr/bin/env python3
"""A Rapport client using only the Python standard library, and a whole turn as an example.

    RAPPORT_URL=http://127.0.0.1:5180 RAPPORT_KEY=rk_... python3 rapport_client.py

Prepare a turn (memory context + recommended kinds), answer it (here with a fixed sentence; your agent's
LLM in practice), complete it (scored and recorded), report the outcome, and end the session.
"""
import json
import os
import sys
import urllib.error
import urllib.request
import uuid


class RapportError(Exception):
    """An RFC 9457 problem returned by the server."""

    def __init__(self, status, problem):
        super().__init__(f"{status}: {problem.get('detail') or problem.get('title')}")
        self.status = status
        self.problem = problem


class RapportClient:
    """The /v1 API over urllib; writes carry an Idempotency-Key so a retry never records twice."""

    def __init__(self, base_url, key, timeout=30):
        self.base_url = base_url.rstrip("/")
        self.key = key
        self.timeout = timeout

    def _call(self, method, path, body=None, idempotent=False):
        data = None if body is None else json.dumps(body).encode("utf-8")
        request = urllib.request.Request(self.base_url + path, data=data, method=method)
        request.add_header("Authorization", f"Bearer {self.key}")
        request.add_header("Accept", "application/json")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if idempotent:
            request.add_header("Idempotency-Key", str(uuid.uuid4()))
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            raw = error.read()
            try:
                problem = json.loads(raw)
            except ValueError:
                problem = {"title": raw.decode("utf-8", "replace")}
            raise RapportError(error.code, problem) from None

    def prepare_turn(self, user_id, situation, session_id=None):
        return self._call("POST", "/v1/turns", {"userId": user_id, "sessionId": session_id, "situation": situation})

    def complete_turn(self, turn_id, response, kind=None):
        return self._call("POST", f"/v1/turns/{turn_id}/complete", {"response": response, "kind": kind}, idempotent=True)

    def set_outcome(self, intervention_id, outcome, rating=None):
        return self._call("POST", f"/v1/interventions/{intervention_id}/outcome", {"outcome": outcome, "rating": rating}, idempotent=True)

    def end_session(self, session_id, user_id):
        return self._call("POST", f"/v1/sessions/{session_id}/end", {"userId": user_id}, idempotent=True)

    def stats(self, user_id=None):
        return self._call("GET", "/v1/stats" + (f"?userId={user_id}" if user_id else ""))


def main():
    client = RapportClient(os.environ.get("RAPPORT_URL", "http://127.0.0.1:5180"), os.environ["RAPPORT_KEY"])
    user, session = os.environ.get("RAPPORT_USER", "python-example"), "py-session-1"
    turn = client.prepare_turn(user, "I have a deadline tomorrow and I cannot start", session)
    kind = turn["recommendation"]["best"]
    print(f"turn {turn['turnId']}: try '{kind}'; context: {turn['context']['text'] or '(nothing yet)'}")
    done = client.complete_turn(turn["turnId"], "That sounds stressful. What is one small piece you could start with in the next ten minutes?", kind)
    intervention = done["intervention"]
    print(f"recorded {intervention['id']} kind={intervention['kind']} quality={intervention['quality']}")
    client.set_outcome(intervention["id"], "helped", 4)
    ended = client.end_session(session, user)
    print(f"session ended: {ended['reflection']['summary']}")
    stats = client.stats(user)
    print(json.dumps({"interventions": stats["interventions"], "helped": stats["helped"], "reflections": stats["reflections"]}))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except RapportError as error:
        print(f"rapport: {error}", file=sys.stderr)
        sys.exit(1)
