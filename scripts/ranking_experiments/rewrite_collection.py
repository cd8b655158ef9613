"""Rewrite SciFact corpus and queries to try a tokenisation change without changing tisc:
rewrite_collection.py greek|split|join  (writes MODE-corpus.jsonl and MODE-queries.jsonl here)."""
import json,re,os,sys
mode=sys.argv[1]
G={'α':'alpha','β':'beta','γ':'gamma','δ':'delta','ε':'epsilon','ζ':'zeta','η':'eta','θ':'theta','ι':'iota','κ':'kappa','λ':'lambda','μ':'mu','ν':'nu','ξ':'xi','ο':'omicron','π':'pi','ρ':'rho','σ':'sigma','ς':'sigma','τ':'tau','υ':'upsilon','φ':'phi','χ':'chi','ψ':'psi','ω':'omega'}
def f(t):
    t=''.join(G.get(ch.lower(),ch) for ch in t)
    if mode=='split':
        t=re.sub(r'(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])',' ',t)
    elif mode=='join':
        t=re.sub(r'(?<=[A-Za-z0-9])-(?=\d)|(?<=\d)-(?=[A-Za-z])','',t)
    return t
src=os.path.join(os.environ.get('TISC_SHARED_DATA', '../shared/data'), 'beir-scifact/')
with open(mode+'-corpus.jsonl','w') as o:
    for l in open(src+'corpus.jsonl'):
        d=json.loads(l); d['title']=f(d['title']); d['text']=f(d['text']); o.write(json.dumps(d)+'\n')
with open(mode+'-queries.jsonl','w') as o:
    for l in open(src+'queries.jsonl'):
        d=json.loads(l); d['text']=f(d['text']); o.write(json.dumps(d)+'\n')
