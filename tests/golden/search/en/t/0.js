ssckbSearch.terms("en","0",{"forms":{},"postings":{"0":[7,15],"00":[7,25],"09":[7,5]}});
