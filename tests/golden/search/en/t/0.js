ssckbSearch.terms("en","0",{"forms":{},"postings":{"0":[11,18],"00":[11,25],"09":[11,4]}});
