"""Fuse TREC runs: fuse.py rrf|sum OUT RUN1 W1 RUN2 W2 … (RRF k=60, or min-max normalised sum)."""
import sys,collections
def load(p):
    r=collections.defaultdict(list)
    for l in open(p):
        q,_,d,rk,s,_=l.split(); r[q].append((d,float(s)))
    return r
mode=sys.argv[1]; out=sys.argv[2]; runs=[load(p) for p in sys.argv[3::2]]; ws=[float(w) for w in sys.argv[4::2]]
with open(out,'w') as o:
    for q in runs[0]:
        acc=collections.defaultdict(float)
        for r,w in zip(runs,ws):
            lst=r[q]
            if not lst: continue
            if mode=='rrf':
                for i,(d,s) in enumerate(lst): acc[d]+=w/(60+i+1)
            else:
                mx=lst[0][1]; mn=lst[-1][1]
                for d,s in lst: acc[d]+=w*(s-mn)/(mx-mn+1e-9)
        for i,(d,s) in enumerate(sorted(acc.items(),key=lambda x:-x[1])[:100]):
            o.write(f"{q} Q0 {d} {i+1} {s} f\n")
