ssckbSearch.terms("en","4",{"forms":{},"postings":{"4":[11,32],"400":[11,8],"4217":[11,13]}});
