ssckbSearch.terms("en","6",{"forms":{},"postings":{"6":[11,4],"600":[11,21],"639":[11,13]}});
