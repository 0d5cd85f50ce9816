# many_steps.py N LINES BASE.jsonl OUT.jsonl: a plan of N steps (s00000…), each printing LINES lines, made from the
# `export --jsonl` of an `evlog run -- true` plan, to be imported (steps.sh, older.sh).
import copy, json, sys
n, lines = int(sys.argv[1]), int(sys.argv[2]); events = [json.loads(line) for line in open(sys.argv[3])]
created = events[0]; plan = created['plan']; plan['id'] = 'p-%012x' % n; first = plan['steps'][0]; plan['steps'] = []
for i in range(n):
    step = copy.deepcopy(first); step['id'] = 's%05d' % i; step['label'] = 'step %d' % i; plan['steps'].append(step)
time = events[1]['time']; out = [created, {"seq": 2, "time": time, "type": "plan_started", "v": 1}]; seq = 3
for i in range(n):
    sid = 's%05d' % i
    texts = ["out of %s\n" % sid] if lines == 1 else ["%s line %d\n" % (sid, k) for k in range(lines)]
    chunks = [{"redacted": False, "step": sid, "stream": "stdout", "text": text, "type": "output_chunk"} for text in texts]
    for o in [{"attempt": 1, "command": ["true"], "step": sid, "type": "step_started"}] + chunks + [{"duration_us": 1, "exit_code": 0, "step": sid, "type": "step_done"}]:
        o.update(seq=seq, time=time, v=1); out.append(o); seq += 1
out.append({"seq": seq, "time": time, "type": "plan_done", "v": 1})
open(sys.argv[4], 'w').write(''.join(json.dumps(o) + '\n' for o in out))
