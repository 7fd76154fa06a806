ssckbSearch.terms("en","0",{"forms":{},"postings":{"0":[7,15],"09":[7,5]}});
